import { generatedHeader } from '../core/generated-file.js';
import type { PyArg, PyExample, PyMethod, PyRequest, PyResourceClass, PyResourceFile, PyWireArg } from './refine.js';
import { docstring, pyString } from './type-mapping.js';

/** Prints one resource module: a sync and an async class, a method per operation, each one core call. */
export function printResource(resource: PyResourceFile): string {
  const lines = [generatedHeader('#'), 'from __future__ import annotations', ''];
  if (resource.usesBuiltins) lines.push('import builtins');
  if (resource.usesMapping) lines.push('from collections.abc import Mapping');
  if (resource.typing.length > 0) lines.push(`from typing import ${resource.typing.join(', ')}`);
  lines.push('', `from .._core import AsyncAPIResource, SyncAPIResource, ${resource.coreImports.join(', ')}`);
  if (resource.modelImports.length > 0) lines.push(`from ..models import ${resource.modelImports.join(', ')}`);
  lines.push('', '');
  for (const flavour of ['sync', 'async'] as const) {
    // Sub-resources first, so each class is defined before a parent's annotation names it.
    for (const cls of [...resource.classes].reverse()) lines.push(printClass(cls, flavour), '', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function printClass(resource: PyResourceClass, flavour: 'sync' | 'async'): string {
  const sync = flavour === 'sync';
  const name = sync ? resource.className : resource.asyncClassName;
  const lines = [`class ${name}(${sync ? 'SyncAPIResource' : 'AsyncAPIResource'}):`];
  lines.push(docstring([resource.description ?? `The \`${resource.accessPath}\` resource.`], '    ').trimEnd(), '');
  if (resource.children.length > 0) {
    const childClass = (c: PyResourceClass['children'][number]) => (sync ? c.className : c.asyncClassName);
    for (const c of resource.children) lines.push(`    ${c.accessor}: ${childClass(c)}`);
    lines.push(
      '',
      `    def __init__(self, client: ${sync ? 'SyncHttpClient' : 'AsyncHttpClient'}) -> None:`,
      '        super().__init__(client)',
    );
    for (const c of resource.children) lines.push(`        self.${c.accessor} = ${childClass(c)}(client)`);
    lines.push('');
  }
  lines.push(resource.methods.map((m) => printMethod(m, flavour)).join('\n'));
  return lines.join('\n').trimEnd();
}

function printArg(arg: PyArg): string {
  return `${arg.name}: ${arg.type}${arg.default ? ` = ${arg.default}` : ''}`;
}

function printMethod(method: PyMethod, flavour: 'sync' | 'async'): string {
  const isAsync = flavour === 'async';
  // Async pages are returned unawaited: `async for` works on them directly, `await` gives the first page.
  const coroutine = isAsync && method.call !== 'request_page';
  const params = ['self', ...method.positional.map(printArg), '*', ...method.keyword.map(printArg)];
  const returns = isAsync ? method.asyncReturn : method.syncReturn;
  const argDocs = [...method.positional, ...method.keyword]
    .filter((a) => a.description)
    .map((a) => `    ${a.name}: ${a.description!.replace(/\n/g, '\n        ')}`);
  const example = printExample(method.example, flavour);
  const doc = docstring(
    [
      method.summary,
      method.description,
      `\`${method.httpMethod} ${method.path}\` (\`${method.operationId}\`)`,
      method.deprecated ? 'Deprecated.' : undefined,
      argDocs.length > 0 ? `Args:\n${argDocs.join('\n')}` : undefined,
      `Example:\n    ${example.replace(/\n/g, '\n    ')}`,
    ],
    '        ',
  );
  const call = `self._client.${method.call}(${printRequest(method.request).join(', ')}, options=request_options)`;
  const awaited = coroutine ? `await ${call}` : call;
  const body = method.castResult ? `return cast(${returns}, ${awaited})` : `return ${awaited}`;
  return `    ${coroutine ? 'async ' : ''}def ${method.name}(${params.join(', ')}) -> ${returns}:\n${doc}        ${body}\n`;
}

/** The core call's keyword arguments, in the order the core documents them. */
function printRequest(request: PyRequest): string[] {
  const dict = (entries: PyWireArg[]) => `{${entries.map((e) => `${pyString(e.wire)}: ${e.arg}`).join(', ')}}`;
  const args: string[] = [];
  if (request.pageType !== undefined) args.push(`page_type=${request.pageType}`, `item_type=${request.itemType}`);
  if (request.castTo !== undefined) args.push(`cast_to=${request.castTo}`);
  args.push(`method=${pyString(request.method)}`, `path=${pyString(request.path)}`);
  if (request.pathParams.length > 0) args.push(`path_params=${dict(request.pathParams)}`);
  if (request.query.length > 0) args.push(`query=${dict(request.query)}`);
  if (request.headers.length > 0) args.push(`headers=${dict(request.headers)}`);
  if (request.body) {
    args.push(`body=${'arg' in request.body ? request.body.arg : dict(request.body.fields)}`, `body_kind=${pyString(request.body.kind)}`);
  }
  args.push(`response=${pyString(request.response)}`);
  if (request.idempotent) args.push('idempotent=True');
  if (request.public) args.push('public=True');
  const p = request.pagination;
  if (p) {
    args.push(
      `pagination=Pagination(cursor_param=${pyString(p.cursorParam)}, items_field=${pyString(p.itemsField)}, has_more_field=${pyString(p.hasMoreField)}, next_cursor_field=${pyString(p.nextCursorField)})`,
    );
  }
  return args;
}

/** The example in its sync or async form. */
function printExample(example: PyExample, flavour: 'sync' | 'async'): string {
  const imports = example.imports.length > 0 ? `from namaskah.models import ${example.imports.join(', ')}\n\n` : '';
  const call = flavour === 'async' && example.kind !== 'page' ? `await ${example.call}` : example.call;
  if (example.kind === 'page') return `${imports}${flavour === 'async' ? 'async ' : ''}for item in ${call}:\n    print(item)`;
  return `${imports}${example.kind === 'empty' ? call : `result = ${call}`}`;
}
