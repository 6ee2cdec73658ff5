import { generatedHeader } from '../core/generated-file.js';
import type { RbArg, RbMethod, RbModel, RbResourceClass, RbResourceFile } from './refine.js';
import { rbComment, rbString } from './type-mapping.js';

const HEAD = `${generatedHeader('#')}# frozen_string_literal: true\n`;

/** lib/namaskah/generated/resources/<name>.rb: a class per resource and sub-resource, a method per operation. */
export function printResource(file: RbResourceFile): string {
  // Children first, so a parent's constructor names defined classes.
  const classes = [...file.classes].reverse().map(printClass).join('\n\n');
  return `${HEAD}\nmodule Namaskah\n  module Resources\n${classes}\n  end\nend\n`;
}

function printClass(cls: RbResourceClass): string {
  const i = '    ';
  const lines = [
    ...rbComment(cls.description ?? `The \`${cls.accessPath}\` resource.`, i),
    `${i}class ${cls.className} < Namaskah::APIResource`,
  ];
  if (cls.children.length > 0) {
    const readers = cls.children.map((c) => `:${c.accessor}`);
    const one = `${i}  attr_reader ${readers.join(', ')}`;
    lines.push(
      ...(one.length <= 120
        ? [one]
        : [`${i}  attr_reader(`, ...readers.map((r, n) => `${i}    ${r}${n < readers.length - 1 ? ',' : ''}`), `${i}  )`]),
      '',
    );
    lines.push(`${i}  def initialize(client)`, `${i}    super`);
    for (const c of cls.children) lines.push(`${i}    @${c.accessor} = ${c.className}.new(client)`);
    lines.push(`${i}  end`, '');
  }
  lines.push(cls.methods.map(printMethod).join('\n\n'));
  lines.push(`${i}end`);
  return lines
    .join('\n')
    .replace(/\n\n\n+/g, '\n\n')
    .replace(/\n\n(\s*end)$/, '\n$1');
}

function signature(m: RbMethod): string {
  const args = [
    ...m.positional.map((a) => a.name),
    ...m.keyword.map((a) => (a.default ? `${a.name}: ${a.default}` : `${a.name}:`)),
    'request_options: {}',
  ];
  return args.join(', ');
}

function wireHash(args: RbArg[]): string {
  return `{ ${args.map((a) => `${rbString(a.wire)} => ${a.name}`).join(', ')} }`;
}

function printMethod(m: RbMethod): string {
  const i = '      ';
  const lines: string[] = [];
  lines.push(...rbComment(m.summary ?? m.operationId, i));
  if (m.description) lines.push(`${i}#`, ...rbComment(m.description, i));
  lines.push(`${i}#`);
  for (const a of [...m.positional, ...m.keyword]) {
    const text = `@param ${a.name} [${a.rbs}]${a.description ? ` ${a.description.split('\n').join(' ')}` : ''}`;
    lines.push(...rbComment(text, i));
  }
  lines.push(`${i}# @param request_options [Hash] per-request options (idempotency_key, timeout, max_retries, headers)`);
  lines.push(`${i}# @return [${m.docReturns}]`);
  if (m.deprecated) lines.push(`${i}# @deprecated`);
  lines.push(`${i}# @example`, `${i}#   ${m.example}`);
  const call: string[] = [`method: :${m.httpMethod.toLowerCase()}`, `path: ${rbString(m.path)}`];
  if (m.positional.length > 0) call.push(`path_params: ${wireHash(m.positional)}`);
  if (m.query.length > 0) call.push(`query: ${wireHash(m.query)}`);
  if (m.headers.length > 0) call.push(`headers: ${wireHash(m.headers)}`);
  if (m.body) call.push(`body: ${m.body.whole ?? wireHash(m.body.fields ?? [])}`, `body_kind: :${m.body.kind}`);
  if (m.response !== 'json') call.push(`response: :${m.response.replace('-', '_')}`);
  if (m.call !== 'request_stream' && (m.response === 'json' || m.type !== ':unknown')) call.push(`type: ${m.type}`);
  if (m.itemType) call.push(`item_type: ${m.itemType}`);
  if (m.pagination) {
    const p = m.pagination;
    call.push(
      `pagination: { cursor: ${rbString(p.cursor)}, items: ${rbString(p.items)}, has_more: ${rbString(p.hasMore)}, next_cursor: ${rbString(p.nextCursor)} }`,
    );
  }
  if (m.idempotent) call.push('idempotent: true');
  if (m.public) call.push('public: true');
  call.push('options: request_options');
  const head = `${i}def ${m.name}(${signature(m)})`;
  if (head.length <= 120) {
    lines.push(head);
  } else {
    const args = signature(m).split(', ');
    lines.push(`${i}def ${m.name}(`, ...args.map((a, n) => `${i}  ${a}${n < args.length - 1 ? ',' : ''}`), `${i})`);
  }
  lines.push(`${i}  @client.${m.call}(`);
  call.forEach((c, n) => {
    const line = `${i}    ${c}${n < call.length - 1 ? ',' : ''}`;
    lines.push(line.length <= 120 ? line : wrapHash(line, `${i}    `));
  });
  lines.push(`${i}  )`, `${i}end`);
  return lines.join('\n');
}

/** `key: { "a" => a, ... },` over several lines. */
function wrapHash(line: string, indent: string): string {
  const m = /^(\s*)([a-z_]+): \{ (.*) \}(,?)$/.exec(line);
  if (!m) return line;
  const entries = m[3]!.split(/, (?=")/);
  return [`${indent}${m[2]}: {`, ...entries.map((e, n) => `${indent}  ${e}${n < entries.length - 1 ? ',' : ''}`), `${indent}}${m[4]}`].join(
    '\n',
  );
}

/** lib/namaskah/generated/resources.rb: requires every resource file and gives the client its accessors. */
export function printResourceIndex(model: RbModel): string {
  const lines = [HEAD];
  for (const r of model.resources) lines.push(`require_relative "resources/${r.fileName}"`);
  lines.push('', 'module Namaskah', '  # The top-level resources, as readers of Namaskah::Client.', '  module ResourceAccessors');
  const readers = model.resources.map((r) => `:${r.accessor}`);
  lines.push(
    `    attr_reader ${readers.join(', ')}`.length <= 120
      ? `    attr_reader ${readers.join(', ')}`
      : `    attr_reader(\n${readers.map((r, n) => `      ${r}${n < readers.length - 1 ? ',' : ''}`).join('\n')}\n    )`,
  );
  lines.push('', '    private', '', '    def build_resources');
  for (const r of model.resources) lines.push(`      @${r.accessor} = Resources::${r.className}.new(self)`);
  lines.push('    end', '  end', 'end', '');
  return lines.join('\n');
}

/** sig/namaskah/generated/resources.rbs. */
export function printResourcesRbs(model: RbModel): string {
  const out = [`${generatedHeader('#')}`, 'module Namaskah', '  module ResourceAccessors'];
  for (const r of model.resources) out.push(`    attr_reader ${r.accessor}: Resources::${r.className}`);
  out.push('  end', '', '  module Resources');
  const classes: string[] = [];
  for (const r of model.resources) {
    for (const cls of r.classes) {
      const lines = [`    class ${cls.className} < Namaskah::APIResource`];
      for (const c of cls.children) lines.push(`      attr_reader ${c.accessor}: ${c.className}`);
      for (const m of cls.methods) {
        const args = [
          ...m.positional.map((a) => a.rbs),
          ...m.keyword.map((a) => `${a.default ? '?' : ''}${a.name}: ${a.rbs}`),
          '?request_options: Hash[Symbol, untyped]',
        ];
        lines.push(`      def ${m.name}: (${args.join(', ')}) -> ${m.returns}`);
      }
      lines.push('    end');
      classes.push(lines.join('\n'));
    }
  }
  out.push(classes.join('\n\n'), '  end', 'end', '');
  return out.join('\n');
}
