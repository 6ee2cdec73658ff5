import { GENERATED_MARKER } from '../core/generated-file.js';
import { phpString } from './naming.js';
import { finish, header } from './print-file.js';
import type { PhpError, PhpModel } from './refine.js';

export function printBaseClient(model: PhpModel): string {
  const lines = header('Namaskah', ['Namaskah\\Core\\HttpClient']);
  lines.push(
    '/**',
    ` * The resources of ${model.title.replace(/\*\//g, '')} ${model.version}, one property each; \`Client\` extends this.`,
    ' */',
  );
  lines.push('abstract class BaseClient', '{');
  lines.push('    /** The first server of the spec: where requests go when no base URL is given. */');
  lines.push(`    public const DEFAULT_BASE_URL = ${phpString(model.defaultBaseUrl)};`, '');
  lines.push(
    `    /** The version of the contract this SDK was generated from. */`,
    `    public const API_VERSION = ${phpString(model.version)};`,
    '',
  );
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
        m.result.kind === 'page'
          ? `Page<${m.result.itemDoc}>`
          : m.result.kind === 'void'
            ? 'void'
            : m.result.kind === 'decode'
              ? (m.result.doc ?? m.result.type)
              : m.result.type;
      lines.push(`| \`${m.name}(${args})\` | \`${m.httpMethod} ${m.path}\` | \`${returns.replace(/\|/g, '\\|')}\` |`);
    }
    lines.push('');
  }
  lines.push('## Exceptions', '', '| problem code | class | extends |', '| --- | --- | --- |');
  for (const e of model.errors)
    lines.push(`| \`${e.code}\` | \`${e.className}\` | \`${e.generated ? e.extendsClass : '(the family class)'}\` |`);
  return `${lines.join('\n')}\n`;
}
