import { phpLiteral, phpLiteralWrapped, phpString } from './naming.js';
import { clip, docBlock, docLines, finish, header } from './print-file.js';
import type { PhpMethod, PhpResource } from './refine.js';

export function printResource(r: PhpResource): string {
  const lines = header('Namaskah\\Resources', [
    'Namaskah\\Core\\ApiResource',
    'Namaskah\\Core\\HttpClient',
    'Namaskah\\Core\\RequestOptions',
    'Namaskah\\Models',
  ]);
  lines.push(...docBlock('', [docLines(r.description, ''), [` * \`${r.accessPath}\``]]));
  lines.push(`final class ${r.className} extends ApiResource`, '{');
  for (const t of r.traits) lines.push(`    use ${t};`, '');
  for (const c of r.children) lines.push(`    public readonly ${c.className} $${c.property};`);
  if (r.children.length > 0) {
    lines.push('', '    public function __construct(HttpClient $http)', '    {', '        parent::__construct($http);');
    for (const c of r.children) lines.push(`        $this->${c.property} = new ${c.className}($http);`);
    lines.push('    }', '');
  }
  for (const m of r.methods) lines.push(...printMethod(m), '');
  while (lines.at(-1) === '') lines.pop();
  lines.push('}');
  return finish(lines).replace('use Namaskah\\Models;\n', usesModels(lines) ? 'use Namaskah\\Models;\n' : '');
}

function usesModels(lines: string[]): boolean {
  return lines.some((l) => l.includes('Models\\'));
}

/** Model class names in types are printed relative to `Namaskah\Models` (`Models\Verification`). */
function qualify(type: string): string {
  return type
    .split('|')
    .map((part) => {
      const nullable = part.startsWith('?');
      const name = nullable ? part.slice(1) : part;
      const q = /^[A-Z]/.test(name) ? `Models\\${name}` : name;
      return nullable ? `?${q}` : q;
    })
    .join('|');
}

function qualifyDoc(type: string): string {
  return type.replace(/(?<![\\\w])([A-Z][A-Za-z0-9]*)/g, 'Models\\$1');
}

function qualifyExpr(expr: string): string {
  return expr.replace(/(?<![\\\w$>'])([A-Z][A-Za-z0-9]*)::/g, 'Models\\$1::');
}

function printMethod(m: PhpMethod): string[] {
  const i = '    ';
  const paramDocs = m.params
    .filter((p) => p.doc || p.description)
    .map((p) => {
      const type = p.doc ? qualifyDoc(p.doc) : qualify(p.type);
      const text = p.description ? ` ${p.description.split('\n')[0]}` : '';
      return clip(`${i} * @param ${type} $${p.name}${text}`);
    });
  const returnDoc =
    m.result.kind === 'page'
      ? [`${i} * @return \\Namaskah\\Core\\Page<${qualifyDoc(m.result.itemDoc)}>`]
      : m.result.kind === 'decode' && m.result.doc
        ? [`${i} * @return ${qualifyDoc(m.result.doc)}`]
        : [];
  const lines = docBlock(i, [
    docLines(m.summary, i),
    docLines(m.description, i),
    [`${i} * \`${m.httpMethod} ${m.path}\``],
    [
      `${i} * Example:`,
      `${i} *`,
      `${i} * \`\`\`php`,
      ...printExample(m).map((l) => `${i} * ${l}`.replace(/\*\//g, '*&#47;')),
      `${i} * \`\`\``,
    ],
    m.deprecated ? [`${i} * @deprecated`] : [],
    [...paramDocs, ...returnDoc, `${i} * @throws \\Namaskah\\Exception\\NamaskahException`],
  ]);
  const returnType =
    m.result.kind === 'page'
      ? '\\Namaskah\\Core\\Page'
      : m.result.kind === 'void'
        ? 'void'
        : m.result.kind === 'decode'
          ? qualify(m.result.type)
          : m.result.type;
  const params = [
    ...m.params.map((p) => `${qualify(p.type)} $${p.name}${p.optional ? ` = ${p.default ?? 'null'}` : ''}`),
    `?RequestOptions $${m.optionsName} = null`,
  ];
  lines.push(`${i}public function ${m.name}(`, ...params.map((p) => `${i}${i}${p},`), `${i}): ${returnType} {`);
  const call = (cursorExpr?: string) => {
    const spec: string[] = [];
    if (m.pathArgs.length > 0) spec.push(`'path' => [${m.pathArgs.map((a) => `${phpString(a.wire)} => $${a.variable}`).join(', ')}],`);
    if (m.query.length > 0) {
      spec.push(`'query' => [`);
      for (const q of m.query)
        spec.push(
          `    ${phpString(q.wire)} => ${cursorExpr && q.variable === (m.result as { cursorVariable?: string }).cursorVariable ? cursorExpr : `$${q.variable}`},`,
        );
      spec.push('],');
    }
    if (m.headers.length > 0) {
      spec.push(`'headers' => [`);
      for (const h of m.headers) spec.push(`    ${phpString(h.wire)} => $${h.variable},`);
      spec.push('],');
    }
    if (m.body) {
      const key = m.body.kind === 'binary' ? 'binary' : m.body.kind;
      if (m.body.fields) {
        spec.push(`'${key}' => [`);
        for (const f of m.body.fields) spec.push(`    ${phpString(f.wire)} => $${f.variable},`);
        spec.push('],');
      } else {
        spec.push(`'${key}' => $${m.body.variable},`);
      }
      if (!m.body.required) spec.push(`'bodyOptional' => true,`);
      if (m.body.keepNull.length > 0) spec.push(`'keepNull' => [${m.body.keepNull.map(phpString).join(', ')}],`);
    }
    if (m.idempotent) spec.push(`'idempotent' => true,`);
    if (m.public) spec.push(`'public' => true,`);
    return spec;
  };
  const isStream = m.result.kind === 'raw' && m.result.type.endsWith('EventStream');
  const fn = isStream ? 'stream' : 'request';
  const open = (indent: string, prefix: string, cursorExpr?: string) => {
    const spec = call(cursorExpr);
    const head = `${indent}${prefix}$this->http->${fn}(${phpString(m.httpMethod)}, ${phpString(m.path)}, [`;
    if (head.length <= 118) return [head, ...spec.map((s) => `${indent}    ${s}`), `${indent}], $${m.optionsName})`];
    const more = `${indent}    `;
    return [
      `${indent}${prefix}$this->http->${fn}(`,
      `${more}${phpString(m.httpMethod)},`,
      `${more}${phpString(m.path)},`,
      `${more}[`,
      ...spec.map((s) => `${more}    ${s}`),
      `${more}],`,
      `${more}$${m.optionsName},`,
      `${indent})`,
    ];
  };
  const b = `${i}${i}`;
  switch (m.result.kind) {
    case 'void': {
      const c = open(b, '');
      c[c.length - 1] += ';';
      lines.push(...c);
      break;
    }
    case 'raw': {
      if (isStream) {
        const c = open(b, 'return ');
        c[c.length - 1] += ';';
        lines.push(...c);
        break;
      }
      const c = open(b, '$response = ');
      c[c.length - 1] += ';';
      lines.push(...c, '', `${b}return ${m.result.expr};`);
      break;
    }
    case 'decode': {
      const c = open(b, '$response = ');
      c[c.length - 1] += ';';
      lines.push(...c, '', `${b}return ${qualifyExpr(m.result.expr)};`);
      break;
    }
    case 'page': {
      const r = m.result;
      lines.push(`${b}return \\Namaskah\\Core\\Page::start(`);
      lines.push(`${b}    fn (?string $cursor): Models\\${r.pageClass} => Models\\${r.pageClass}::fromArray(`);
      const c = open(`${b}        `, '', '$cursor');
      c[c.length - 1] += '->json(),';
      lines.push(...c, `${b}    ),`);
      lines.push(`${b}    $${r.cursorVariable},`);
      lines.push(`${b}    ${phpString(r.items)},`, `${b}    ${phpString(r.hasMore)},`, `${b}    ${phpString(r.nextCursor)},`);
      lines.push(`${b});`);
      break;
    }
  }
  lines.push(`${i}}`);
  return lines;
}

/** The example call: one line when short, else one argument per line (long arrays one element per line). */
function printExample(m: PhpMethod): string[] {
  const flat = m.example.map((a) => `${a.name ? `${a.name}: ` : ''}${phpLiteral(a.value)}`);
  const kind = m.result.kind;
  const prefix = kind === 'page' ? 'foreach (' : kind === 'void' ? '' : '$result = ';
  const suffix = kind === 'page' ? ' as $item) {' : ';';
  const oneLine = `${prefix}${m.accessPath}(${flat.join(', ')})${suffix}`;
  const lines =
    oneLine.length <= 100 || m.example.length === 0
      ? [oneLine]
      : [
          `${prefix}${m.accessPath}(`,
          ...m.example.flatMap((a) => {
            const [first = '', ...rest] = phpLiteralWrapped(a.value, '    ');
            const out = [`    ${a.name ? `${a.name}: ` : ''}${first}`, ...rest];
            out[out.length - 1] += ',';
            return out;
          }),
          `)${suffix}`,
        ];
  return kind === 'page' ? [...lines, '    // $item is one element; the next pages are fetched as the loop reaches them', '}'] : lines;
}
