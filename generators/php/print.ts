import { GENERATED_MARKER, type GeneratedFile } from '../core/generated-file.js';
import type { PhpDecl, PhpError, PhpMethod, PhpModel, PhpResource } from './refine.js';
import { phpLiteral, phpString } from './naming.js';

/** The opening of every generated PHP file: the marker as a file docblock, strict types, the namespace. */
function header(namespace: string, uses: string[] = []): string[] {
  const lines = ['<?php', '', '/**', ` * ${GENERATED_MARKER}. Source: spec/; regenerate with \`pnpm gen\`.`, ' */', '', 'declare(strict_types=1);', '', `namespace ${namespace};`, ''];
  if (uses.length > 0) lines.push(...[...new Set(uses)].sort().map((u) => `use ${u};`), '');
  return lines;
}

/** Word-wraps text into docblock lines at `indent`, keeping blank lines and list items. */
function docLines(text: string | undefined, indent: string): string[] {
  if (!text) return [];
  const width = 116 - indent.length - 3;
  const out: string[] = [];
  for (const paragraph of text.replace(/\*\//g, '*&#47;').split('\n')) {
    if (paragraph.trim() === '') {
      out.push(`${indent} *`);
      continue;
    }
    let line = '';
    for (const word of paragraph.trim().split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(`${indent} * ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(`${indent} * ${line}`);
  }
  while (out.at(-1) === `${indent} *`) out.pop();
  return out;
}

function docBlock(indent: string, sections: string[][]): string[] {
  const body: string[] = [];
  for (const s of sections.filter((x) => x.length > 0)) {
    if (body.length > 0) body.push(`${indent} *`);
    body.push(...s);
  }
  return body.length === 0 ? [] : [`${indent}/**`, ...body, `${indent} */`];
}

/** A docblock line cut at a word boundary to fit 118 columns. */
function clip(line: string): string {
  if (line.length <= 118) return line;
  const cut = line.slice(0, 115);
  return `${cut.slice(0, cut.lastIndexOf(' '))} ...`;
}

/** A named argument `name: a ? b : c`, broken over three lines when it would pass 118 columns. */
function splitTernary(prefix: string, expr: string): string[] {
  const q = expr.indexOf(' ? ');
  const c = expr.lastIndexOf(' : ');
  if (prefix.length + expr.length + 1 <= 118) return [`${prefix}${expr},`];
  if (q < 0 || c < q) return [prefix.trimEnd(), `${' '.repeat(prefix.length - prefix.trimStart().length)}    ${expr},`];
  const indent = `${' '.repeat(prefix.length - prefix.trimStart().length)}    `;
  return [`${prefix}${expr.slice(0, q)}`, `${indent}? ${expr.slice(q + 3, c)}`, `${indent}: ${expr.slice(c + 3)},`];
}

function finish(lines: string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function printDecl(decl: PhpDecl): string {
  if (decl.kind === 'enum') return printEnum(decl);
  if (decl.kind === 'union') return printUnion(decl);
  const lines = header('Namaskah\\Models', ['Namaskah\\Core\\Model']);
  lines.push(...docBlock('', [docLines(decl.description, '')]));
  lines.push(`final class ${decl.name} extends Model`, '{');
  lines.push('    /** Wire name => property name, in spec order. */', '    public const WIRE = [');
  for (const p of decl.properties) lines.push(`        ${phpString(p.wire)} => ${phpString(p.name)},`);
  lines.push('    ];', '');
  const params = decl.properties.map((p) => {
    const doc = [...docLines(p.description, '        '), ...(p.doc ? [`        * @var ${p.doc}`.replace('        *', '         *')] : [])];
    return [...(doc.length > 0 ? ['        /**', ...doc, '         */'] : []), `        public readonly ${p.type} $${p.name}${p.optional ? ' = null' : ''},`];
  });
  if (params.length === 0) {
    lines.push('    public function __construct()', '    {', '    }', '');
  } else {
    lines.push('    public function __construct(', ...params.flat(), '    ) {', '    }', '');
  }
  lines.push('    /**', '     * Decodes the wire (JSON) form; keys the payload omits stay absent in toArray().', '     *');
  lines.push('     * @param array<string, mixed> $data', '     */');
  lines.push('    public static function fromArray(array $data): self', '    {');
  if (decl.properties.length === 0) {
    lines.push('        $model = new self();');
  } else {
    lines.push('        $model = new self(');
    for (const p of decl.properties) lines.push(...splitTernary(`            ${p.name}: `, p.decode));
    lines.push('        );');
  }
  lines.push('        $model->markPresent(array_keys($data));', '', '        return $model;', '    }', '}');
  return finish(lines);
}

function printEnum(decl: PhpDecl & { kind: 'enum' }): string {
  const lines = header('Namaskah\\Models');
  lines.push(...docBlock('', [docLines(decl.description, '')]));
  lines.push(`enum ${decl.name}: ${decl.backing}`, '{');
  for (const c of decl.cases) lines.push(`    case ${c.name} = ${phpLiteral(c.value)};`);
  lines.push('}');
  return finish(lines);
}

function printUnion(decl: PhpDecl & { kind: 'union' }): string {
  const lines = header('Namaskah\\Models', ['Namaskah\\Core\\Model', 'Namaskah\\Core\\UnknownModel']);
  lines.push(
    ...docBlock('', [
      docLines(decl.description, ''),
      [` * One of several shapes, told apart by \`${decl.property}\`: fromArray() returns the matching class`, ' * (an UnknownModel for a value this SDK version does not know).'],
    ]),
  );
  lines.push(`final class ${decl.name}`, '{');
  lines.push(`    /** \`${decl.property}\` value => class. */`, '    public const VARIANTS = [');
  for (const v of decl.variants) lines.push(`        ${phpString(v.tag)} => ${v.className}::class,`);
  lines.push('    ];', '');
  lines.push('    /**', '     * @param array<string, mixed> $data', '     *');
  lines.push(`     * @return ${decl.variants.map((v) => v.className).join('|')}`.length > 116 ? '     * @return Model' : `     * @return ${decl.variants.map((v) => v.className).join('|')}`);
  lines.push('     */', '    public static function fromArray(array $data): Model', '    {');
  lines.push(`        $tag = $data[${phpString(decl.property)}] ?? null;`);
  lines.push('        $class = is_string($tag) ? (self::VARIANTS[$tag] ?? null) : null;', '');
  lines.push('        return $class === null ? UnknownModel::fromArray($data) : $class::fromArray($data);', '    }', '}');
  return finish(lines);
}

export function printResource(r: PhpResource): string {
  const lines = header('Namaskah\\Resources', ['Namaskah\\Core\\ApiResource', 'Namaskah\\Core\\HttpClient', 'Namaskah\\Core\\RequestOptions', 'Namaskah\\Models']);
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
    [`${i} * Example:`, `${i} *`, `${i} * \`\`\`php`, ...m.example.map((l) => `${i} * ${l}`.replace(/\*\//g, '*&#47;')), `${i} * \`\`\``],
    m.deprecated ? [`${i} * @deprecated`] : [],
    [...paramDocs, ...returnDoc, `${i} * @throws \\Namaskah\\Exception\\NamaskahException`],
  ]);
  const returnType =
    m.result.kind === 'page' ? '\\Namaskah\\Core\\Page' : m.result.kind === 'void' ? 'void' : m.result.kind === 'decode' ? qualify(m.result.type) : m.result.type;
  const params = [...m.params.map((p) => `${qualify(p.type)} $${p.name}${p.optional ? ` = ${p.default ?? 'null'}` : ''}`), `?RequestOptions $${m.optionsName} = null`];
  lines.push(`${i}public function ${m.name}(`, ...params.map((p) => `${i}${i}${p},`), `${i}): ${returnType} {`);
  const call = (cursorExpr?: string) => {
    const spec: string[] = [];
    if (m.pathArgs.length > 0) spec.push(`'path' => [${m.pathArgs.map((a) => `${phpString(a.wire)} => $${a.variable}`).join(', ')}],`);
    if (m.query.length > 0) {
      spec.push(`'query' => [`);
      for (const q of m.query) spec.push(`    ${phpString(q.wire)} => ${cursorExpr && q.variable === (m.result as { cursorVariable?: string }).cursorVariable ? cursorExpr : `$${q.variable}`},`);
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

export function printBaseClient(model: PhpModel): string {
  const lines = header('Namaskah', ['Namaskah\\Core\\HttpClient']);
  lines.push('/**', ` * The resources of ${model.title.replace(/\*\//g, '')} ${model.version}, one property each; \`Client\` extends this.`, ' */');
  lines.push('abstract class BaseClient', '{');
  lines.push('    /** The first server of the spec: where requests go when no base URL is given. */');
  lines.push(`    public const DEFAULT_BASE_URL = ${phpString(model.defaultBaseUrl)};`, '');
  lines.push(`    /** The version of the contract this SDK was generated from. */`, `    public const API_VERSION = ${phpString(model.version)};`, '');
  for (const r of model.clientResources) lines.push(`    public readonly Resources\\${r.className} $${r.property};`);
  lines.push('', '    protected function __construct(protected readonly HttpClient $http)', '    {');
  for (const r of model.clientResources) lines.push(`        $this->${r.property} = new Resources\\${r.className}($http);`);
  lines.push('    }', '}');
  return finish(lines);
}

export function printError(e: PhpError): string {
  const lines = header('Namaskah\\Exception');
  lines.push('/**', ` * The API answered with the problem code \`${e.code}\` (HTTP ${e.status}).`, ' */');
  lines.push(`class ${e.className} extends ${e.extendsClass}`, '{', '}');
  return finish(lines);
}

export function printProblemCodes(model: PhpModel): string {
  const lines = header('Namaskah\\Exception');
  lines.push('/**', ' * Every problem `code` of the spec: the HTTP status it comes with and the exception class it raises.', ' */');
  lines.push('final class ProblemCodes', '{', '    /** Problem code => HTTP status. */', '    public const STATUS = [');
  for (const e of model.errors) lines.push(`        ${phpString(e.code)} => ${e.status},`);
  lines.push('    ];', '', '    /** Problem code => exception class. */', '    public const CLASSES = [');
  for (const e of model.errors) lines.push(`        ${phpString(e.code)} => ${e.className}::class,`);
  lines.push('    ];', '}');
  return finish(lines);
}

export function printApiMd(model: PhpModel): string {
  const lines = [`# ${model.title} PHP API`, '', `<!-- ${GENERATED_MARKER}. Source: spec/; regenerate with \`pnpm gen\`. -->`, ''];
  lines.push('Every method takes named arguments and a last `?RequestOptions $options`.', '');
  for (const r of model.resources) {
    if (r.methods.length === 0) continue;
    lines.push(`## \`${r.accessPath}\``, '', '| method | HTTP | returns |', '| --- | --- | --- |');
    for (const m of r.methods) {
      const args = m.params.map((p) => `${p.optional ? '?' : ''}$${p.name}`).join(', ');
      const returns =
        m.result.kind === 'page' ? `Page<${m.result.itemDoc}>` : m.result.kind === 'void' ? 'void' : m.result.kind === 'decode' ? (m.result.doc ?? m.result.type) : m.result.type;
      lines.push(`| \`${m.name}(${args})\` | \`${m.httpMethod} ${m.path}\` | \`${returns.replace(/\|/g, '\\|')}\` |`);
    }
    lines.push('');
  }
  lines.push('## Exceptions', '', '| problem code | class | extends |', '| --- | --- | --- |');
  for (const e of model.errors) lines.push(`| \`${e.code}\` | \`${e.className}\` | \`${e.generated ? e.extendsClass : '(the family class)'}\` |`);
  return `${lines.join('\n')}\n`;
}
