import { generatedHeader } from '../core/generated-file.js';
import type { TsField, TsModelFile } from './refine.js';
import { jsdoc } from './type-mapping.js';

/** Prints one model file: its imports and one exported declaration. */
export function printModel(model: TsModelFile): string {
  const imports = model.imports.map((i) => `import type { ${i.name} } from './${i.fileName}.js';`).join('\n');
  const doc = jsdoc([model.decl.description]);
  const body =
    model.body.kind === 'interface'
      ? `export interface ${model.decl.name} {\n${printFields(model.body.fields)}${
          model.body.indexSignature ? `  [key: string]: ${model.body.indexSignature};\n` : ''
        }}`
      : `export type ${model.decl.name} = ${model.body.source};`;
  return `${generatedHeader('//')}\n${imports ? `${imports}\n\n` : ''}${doc}${body}\n`;
}

/** Prints interface fields with their docs; shared with the resource printer's params interfaces. */
export function printFields(fields: TsField[]): string {
  return fields
    .map((f) => {
      const doc = jsdoc([f.description, f.deprecated ? '@deprecated' : undefined], '  ');
      return `${doc}  ${f.readOnly ? 'readonly ' : ''}${f.key}${f.optional ? '?' : ''}: ${f.type};\n`;
    })
    .join('');
}

/** `models/index.ts`: re-exports every model type. */
export function printModelIndex(models: TsModelFile[]): string {
  const lines = models.map((m) => `export type { ${m.decl.name} } from './${m.fileName}.js';`);
  return `${generatedHeader('//')}\n${lines.join('\n')}\n`;
}
