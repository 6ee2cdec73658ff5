import { generatedHeader } from '../core/generated-file.js';
import { printFields } from './print-model.js';
import type { TsExample, TsMethod, TsRequest, TsResourceClass, TsResourceFile } from './refine.js';
import { jsdoc } from './type-mapping.js';

/**
 * Prints one resource file: its params types, then a class per resource (sub-resources first), a method
 * per operation, each a single call into the core.
 */
export function printResource(resource: TsResourceFile): string {
  const methods = resource.classes.flatMap((c) => c.methods);
  const coreNames = ['APIResource', 'type ApiPromise', 'type RequestOptions'];
  if (resource.usesPagePromise) coreNames.push('type PagePromise');
  if (methods.some((m) => m.returnType.includes('EventStream'))) coreNames.push('type EventStream');
  if (methods.some((m) => m.returnType.includes('Redirect'))) coreNames.push('type Redirect');
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
    // Sub-resources first, so each class is declared before a parent instantiates it.
    [...resource.classes].reverse().map(printClass).join('\n\n'),
    '',
  ].join('\n');
}

function printClass(resource: TsResourceClass): string {
  const fields = resource.children.map(
    (c) => `  /** \`client.${resource.accessPath}.${c.accessor}\` */\n  readonly ${c.accessor} = new ${c.className}(this._client);\n`,
  );
  return [
    `${jsdoc([resource.description])}export class ${resource.className} extends APIResource {`,
    [...fields, ...resource.methods.map(printMethod)].join('\n'),
    '}',
  ].join('\n');
}

function printMethod(method: TsMethod): string {
  const doc = jsdoc(
    [
      method.summary,
      method.description,
      `\`${method.httpMethod} ${method.path}\` (\`${method.operationId}\`)`,
      method.deprecated ? '@deprecated' : undefined,
      `@example\n\`\`\`ts\n${printExample(method.example)}\n\`\`\``,
    ],
    '  ',
  );
  const args = method.args
    .map((a) => (a.defaultValue ? `${a.name}: ${a.type} = ${a.defaultValue}` : `${a.name}${a.optional ? '?' : ''}: ${a.type}`))
    .concat('options?: RequestOptions');
  return `${doc}  ${method.name}(${args.join(', ')}): ${method.returnType} {\n    return this._client.${method.call}(${printDescriptor(method.request)}, options);\n  }\n`;
}

/** The request descriptor as an object literal, keys in the core's order, absent keys left out. */
function printDescriptor(request: TsRequest): string {
  const entries: string[] = [`method: '${request.method}'`, `path: '${request.path}'`];
  if (request.pathParams.length > 0) entries.push(`pathParams: { ${request.pathParams.map((p) => `${p.key}: ${p.arg}`).join(', ')} }`);
  if (request.params) entries.push('params');
  // without a body the core sends every non-header param as query, so only calls with a body name their query keys
  if (request.queryKeys.length > 0 && request.body) entries.push(`queryKeys: [${request.queryKeys.map((k) => `'${k}'`).join(', ')}]`);
  if (request.headerKeys.length > 0) entries.push(`headerKeys: { ${request.headerKeys.map((h) => `${h.key}: '${h.header}'`).join(', ')} }`);
  if (request.body) entries.push(`body: '${request.body}'`);
  // the core reads an absent `response` as json and an absent `pagination` as CURSOR_PAGE: most calls
  // leave both out, which keeps the bundled SDK small
  if (request.response !== 'json') entries.push(`response: '${request.response}'`);
  if (request.idempotent) entries.push('idempotent: true');
  if (request.public) entries.push('public: true');
  const p = request.pagination;
  if (p && !isCursorPage(p)) {
    entries.push(
      `pagination: { cursorParam: '${p.cursorParam}', itemsField: '${p.itemsField}', hasMoreField: '${p.hasMoreField}', nextCursorField: '${p.nextCursorField}' }`,
    );
  }
  return `{ ${entries.join(', ')} }`;
}

/** Mirrors `CURSOR_PAGE` in sdks/js/src/core/pagination.ts: the layout the core assumes when none is given. */
function isCursorPage(p: NonNullable<TsRequest['pagination']>): boolean {
  return (
    p.cursorParam === 'starting_after' && p.itemsField === 'data' && p.hasMoreField === 'has_more' && p.nextCursorField === 'next_cursor'
  );
}

function printExample(example: TsExample): string {
  if (example.kind === 'page') return `for await (const item of ${example.call}) {\n  console.log(item);\n}`;
  return example.kind === 'empty' ? `await ${example.call};` : `const result = await ${example.call};`;
}
