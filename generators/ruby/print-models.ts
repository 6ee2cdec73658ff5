import { generatedHeader } from '../core/generated-file.js';
import type { RbModel, RbModelDecl } from './refine.js';
import { rbComment, rbString } from './type-mapping.js';

const HEAD = `${generatedHeader('#')}# frozen_string_literal: true\n`;

/** lib/namaskah/generated/models.rb: a class per object schema, a module per enum and union. */
export function printModels(model: RbModel): string {
  const body = model.models.map(printDecl).join('\n\n');
  return `${HEAD}\nmodule Namaskah\n  # The API's schemas: plain Ruby objects with a reader per field (see sig/ for their types).\n  module Models\n${body}\n  end\nend\n`;
}

function printDecl(decl: RbModelDecl): string {
  const i = '    ';
  const doc = rbComment(decl.description ?? `The \`${decl.name}\` schema.`, i);
  switch (decl.kind) {
    case 'object': {
      const lines = [...doc, `${i}class ${decl.name} < Namaskah::BaseModel`];
      for (const f of decl.fields) {
        lines.push(...rbComment(f.description, `${i}  `));
        if (f.deprecated) lines.push(`${i}  # @deprecated`);
        lines.push(`${i}  attribute :${f.name}, ${rbString(f.wire)}, ${f.descriptor}`);
      }
      lines.push(`${i}end`);
      return lines.join('\n');
    }
    case 'enum': {
      const lines = [...doc, `${i}module ${decl.name}`];
      for (const v of decl.values) lines.push(`${i}  ${v.constant} = ${v.literal}`);
      lines.push(`${i}  ALL = [${decl.values.map((v) => v.constant).join(', ')}].freeze`, `${i}end`);
      return wrapLongArray(lines).join('\n');
    }
    case 'union': {
      const lines = [...doc, `${i}module ${decl.name}`, `${i}  extend Namaskah::Union`];
      if (decl.variants.length > 0 || decl.discriminator) lines.push('');
      const variants = `${i}  variants ${decl.variants.map(rbString).join(', ')}`;
      if (decl.variants.length > 0)
        lines.push(
          ...(variants.length <= 120
            ? [variants]
            : [
                `${i}  variants(`,
                ...decl.variants.map((v, n) => `${i}    ${rbString(v)}${n < decl.variants.length - 1 ? ',' : ''}`),
                `${i}  )`,
              ]),
        );
      if (decl.discriminator) {
        lines.push(`${i}  discriminator ${rbString(decl.discriminator)}, {`);
        for (const [n, m] of decl.mapping.entries()) {
          lines.push(`${i}    ${rbString(m.value)} => ${rbString(m.type)}${n < decl.mapping.length - 1 ? ',' : ''}`);
        }
        lines.push(`${i}  }`);
      }
      lines.push(`${i}end`);
      return lines.join('\n');
    }
    case 'alias':
      return [...doc, `${i}module ${decl.name}`, `${i}end`].join('\n');
  }
}

/** Splits `ALL = [A, B, ...].freeze` over lines when it is too long. */
function wrapLongArray(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const m = /^(\s*)ALL = \[(.*)\]\.freeze$/.exec(line);
    if (!m || line.length <= 120) return [line];
    const names = m[2]!.split(', ');
    return [`${m[1]}ALL = [`, ...names.map((n, k) => `${m[1]}  ${n}${k < names.length - 1 ? ',' : ''}`), `${m[1]}].freeze`];
  });
}

/** sig/namaskah/generated/models.rbs: the readers' types. */
export function printModelsRbs(model: RbModel): string {
  const i = '    ';
  const parts = model.models.map((decl) => {
    switch (decl.kind) {
      case 'object':
        return [
          `${i}class ${decl.name} < Namaskah::BaseModel`,
          ...decl.fields.map((f) => `${i}  def ${f.name}: () -> ${f.rbs}`),
          `${i}end`,
        ].join('\n');
      case 'enum':
        return [
          `${i}module ${decl.name}`,
          ...decl.values.map((v) => `${i}  ${v.constant}: ${decl.rbs}`),
          `${i}  ALL: Array[${decl.rbs}]`,
          `${i}end`,
        ].join('\n');
      case 'union':
        return [`${i}type ${decl.rbsAlias} = ${decl.rbs}`, '', `${i}module ${decl.name}`, `${i}  extend Namaskah::Union`, `${i}end`].join(
          '\n',
        );
      case 'alias':
        return [`${i}module ${decl.name}`, `${i}end`].join('\n');
      default:
        throw new Error(`no RBS signature for a ${(decl as { kind: string }).kind} model`);
    }
  });
  return `${generatedHeader('#')}\nmodule Namaskah\n  module Models\n${parts.join('\n\n')}\n  end\nend\n`;
}
