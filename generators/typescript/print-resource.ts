import { generatedHeader } from '../core/generated-file.js';
import { printFields } from './print-model.js';
import type { TsMethod, TsResourceFile } from './refine.js';
import { jsdoc } from './type-mapping.js';

/** Prints one resource class: a method per operation, each a single call into the core. */
export function printResource(resource: TsResourceFile): string {
  const coreNames = ['APIResource', 'type ApiPromise', 'type RequestOptions'];
  if (resource.usesPagePromise) coreNames.push('type PagePromise');
  if (resource.methods.some((m) => m.returnType.includes('EventStream'))) coreNames.push('type EventStream');
  if (resource.methods.some((m) => m.returnType.includes('Redirect'))) coreNames.push('type Redirect');
  const modelImports = resource.modelImports.map((i) => `import type { ${i.name} } from '../models/${i.fileName}.js';`);
  const params = resource.paramsInterfaces.map(
    (p) =>
      `${jsdoc([p.description])}export interface ${p.name}${p.extendsType ? ` extends ${p.extendsType}` : ''} {\n${printFields(p.fields)}}\n`,
  );
  return [
    generatedHeader('//'),
    `import { ${coreNames.join(', ')} } from '../core/index.js';`,
    ...modelImports,
    '',
    ...params,
    `${jsdoc([resource.description])}export class ${resource.className} extends APIResource {`,
    resource.methods.map(printMethod).join('\n'),
    '}',
    '',
  ].join('\n');
}

function printMethod(method: TsMethod): string {
  const doc = jsdoc(
    [
      method.summary,
      method.description,
      `\`${method.httpMethod} ${method.path}\` (\`${method.operationId}\`)`,
      method.deprecated ? '@deprecated' : undefined,
      `@example\n\`\`\`ts\n${method.example}\n\`\`\``,
    ],
    '  ',
  );
  const args = method.args
    .map((a) => (a.defaultValue ? `${a.name}: ${a.type} = ${a.defaultValue}` : `${a.name}${a.optional ? '?' : ''}: ${a.type}`))
    .concat('options?: RequestOptions');
  return `${doc}  ${method.name}(${args.join(', ')}): ${method.returnType} {\n    return this._client.${method.call}(${method.descriptor}, options);\n  }\n`;
}
