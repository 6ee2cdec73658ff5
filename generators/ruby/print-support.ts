import { generatedHeader } from '../core/generated-file.js';
import type { RbModel } from './refine.js';
import { rbString } from './type-mapping.js';

const HEAD = `${generatedHeader('#')}# frozen_string_literal: true\n`;

/** lib/namaskah/generated/errors.rb: a class per problem code under its status family, and the code map. */
export function printErrors(model: RbModel): string {
  const lines = [HEAD, 'module Namaskah'];
  for (const e of model.errors.filter((x) => x.generated)) {
    lines.push(
      `  # The \`${e.code}\` problem.`,
      `  class ${e.className} < ${e.extendsClass}`,
      `    CODE = ${rbString(e.code)}`,
      '  end',
      '',
    );
  }
  lines.push('  # Problem code -> the most specific error class for it.');
  if (model.errors.length === 0) {
    lines.push('  PROBLEM_ERROR_CLASSES = {}.freeze');
  } else {
    lines.push('  PROBLEM_ERROR_CLASSES = {');
    lines.push(...model.errors.map((e, n) => `    ${rbString(e.code)} => ${e.className}${n < model.errors.length - 1 ? ',' : ''}`));
    lines.push('  }.freeze');
  }
  lines.push('end', '');
  return lines.join('\n');
}

export function printErrorsRbs(model: RbModel): string {
  const lines = [generatedHeader('#'), 'module Namaskah'];
  for (const e of model.errors.filter((x) => x.generated))
    lines.push(`  class ${e.className} < ${e.extendsClass}`, '    CODE: String', '  end', '');
  lines.push('  PROBLEM_ERROR_CLASSES: Hash[String, singleton(APIError)]', 'end', '');
  return lines.join('\n');
}

/** lib/namaskah/generated/constants.rb: the contract's version, event types and problem codes. */
export function printConstants(model: RbModel): string {
  const list = (name: string, values: string[]) =>
    values.length === 0
      ? [`  ${name} = [].freeze`]
      : [`  ${name} = [`, ...values.map((v, n) => `    ${rbString(v)}${n < values.length - 1 ? ',' : ''}`), '  ].freeze'];
  return [
    HEAD,
    'module Namaskah',
    `  # The version of the contract (${model.title}) this SDK was generated from.`,
    `  API_VERSION = ${rbString(model.version)}`,
    '',
    '  # Every event type of the catalog (webhooks and real time).',
    ...list('EVENT_TYPES', model.eventTypes),
    '',
    '  # Every problem code the API documents.',
    ...list('ERROR_CODES', model.errorCodes),
    'end',
    '',
  ].join('\n');
}

/** API.md: every resource and method, as users call them. */
export function printApiMd(model: RbModel): string {
  const lines = [`<!-- ${generatedHeader('').trim()} -->`, '', `# ${model.title}: Ruby API`, ''];
  for (const r of model.resources) {
    for (const cls of r.classes) {
      lines.push(`## \`client.${cls.accessPath}\``, '');
      for (const m of cls.methods) {
        const args = [...m.positional.map((a) => a.name), ...m.keyword.map((a) => (a.default ? `[${a.name}:]` : `${a.name}:`))].join(', ');
        lines.push(`- \`${m.name}(${args})\` -> \`${m.docReturns}\`: \`${m.httpMethod} ${m.path}\`${m.summary ? `. ${m.summary}` : ''}`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}
