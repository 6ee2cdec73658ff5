import { goDoc, goString } from './naming.js';
import { goFile } from './print-file.js';
import { printFields } from './print-models.js';
import type { GoMethod, GoModel, GoService, GoServiceFile } from './refine.js';

/** One service file: the service types (top-level first), the params structs and a method per operation. */
export function printServiceFile(file: GoServiceFile): string {
  const params = file.paramsStructs.map((p) => `${goDoc([p.doc])}type ${p.name} struct {\n${printFields(p.fields)}}\n`);
  return goFile(file.imports, [
    ...file.services.map(printServiceType),
    ...params,
    ...file.services.flatMap((service) => service.methods.map((m) => printMethod(service, m))),
  ]);
}

function printServiceType(service: GoService): string {
  const doc = goDoc([`${service.typeName} groups the operations of client.${service.accessPath}.`, service.description]);
  const children = service.children.map(
    (c) => `${goDoc([`${c.field}: the operations of client.${c.accessPath}.`], '\t')}\t${c.field} *${c.typeName}\n`,
  );
  return `${doc}type ${service.typeName} struct {\n\tr *requester\n${children.join('')}}\n`;
}

function signature(m: GoMethod, name: string): string {
  const args = ['ctx context.Context', ...m.pathArgs.map((a) => `${a.local} string`)];
  if (m.arg) args.push(`${m.arg.name} ${m.arg.type}`);
  args.push('opts ...Option');
  return `${name}(${args.join(', ')})`;
}

function requestLines(m: GoMethod): string[] {
  const lines = [`\treq := newRequest(${goString(m.httpMethod)}, ${goString(m.path)}${m.pathArgs.map((a) => `, ${a.local}`).join('')})`];
  for (const q of m.query) lines.push(`\treq.addQuery(${goString(q.wire)}, ${q.expr})`);
  for (const h of m.headers) lines.push(`\treq.addHeader(${goString(h.wire)}, ${h.expr})`);
  if (m.body)
    lines.push(`\treq.setBody(body${m.body.kind === 'json' ? 'JSON' : m.body.kind === 'form' ? 'Form' : 'Binary'}, ${m.body.expr})`);
  if (m.idempotent) lines.push('\treq.idempotent = true');
  if (m.public) lines.push('\treq.public = true');
  return lines;
}

const RESPONSE_CONST: Record<GoMethod['response'], string> = {
  json: 'responseJSON',
  binary: 'responseBinary',
  text: 'responseText',
  'event-stream': 'responseEventStream',
  redirect: 'responseRedirect',
  empty: 'responseEmpty',
};

function printMethod(service: GoService, m: GoMethod): string {
  const recv = `func (s *${service.typeName}) `;
  const where = `${m.httpMethod} ${m.path} (${m.operationId}).`;
  const deprecated = m.deprecated ? 'Deprecated: see the API reference.' : undefined;
  const summary = m.summary ? `${m.summary.replace(/\.$/, '')}.` : undefined;
  const call = `s.r.do(ctx, req, ${RESPONSE_CONST[m.response]}, ${m.result ? '&out' : 'nil'}, opts)`;
  const lines = requestLines(m);
  const name = m.pagination ? m.pagination.pageMethod : m.name;
  let body: string;
  if (!m.result) {
    body = `${lines.join('\n')}\n\treturn ${call}\n`;
  } else if (m.result.pointer) {
    body = `${lines.join('\n')}\n\tvar out ${m.result.type}\n\tif err := ${call}; err != nil {\n\t\treturn nil, err\n\t}\n\treturn &out, nil\n`;
  } else {
    body = `${lines.join('\n')}\n\tvar out ${m.result.type}\n\terr := ${call}\n\treturn out, err\n`;
  }
  const result = m.result ? `(${m.result.pointer ? '*' : ''}${m.result.type}, error)` : 'error';
  const single = `${goDoc([`${name}: ${summary ?? m.name}`, m.description, where, m.pagination ? `One page; ${m.name} iterates over every item.` : undefined, deprecated])}${recv}${signature(m, name)} ${result} {\n${body}}\n`;
  if (!m.pagination) return single;
  const p = m.pagination;
  const pageArgs = ['ctx', ...m.pathArgs.map((a) => a.local), 'params', 'opts...'].join(', ');
  const iterator =
    `${goDoc([`${m.name}: ${summary ?? m.name}`, `Iterates over every item of every page, following the cursor; stop early by breaking out of the loop. An error ends the iteration.`, where, deprecated])}` +
    `${recv}${signature(m, m.name)} iter.Seq2[${p.itemType}, error] {\n` +
    `\treturn paginate(func(cursor string) (*${p.pageType}, error) {\n\t\tif cursor != "" {\n\t\t\t${p.setCursor}\n\t\t}\n\t\treturn s.${p.pageMethod}(${pageArgs})\n\t}, func(page *${p.pageType}) ([]${p.itemType}, bool, string) {\n\t\treturn ${p.itemsExpr}, ${p.hasMoreExpr}, ${p.cursorExpr}\n\t})\n}\n`;
  return `${iterator}\n${single}`;
}

/** `gen_services.go`: the struct of every top-level service the client embeds, and their construction. */
export function printServices(model: GoModel): string {
  const top = model.files.map((f) => f.services[0]!);
  const fields = top.map(
    (s) => `${goDoc([`${s.field}: ${s.description ?? `the operations of client.${s.accessPath}.`}`], '\t')}\t${s.field} *${s.typeName}`,
  );
  const byType = new Map(model.files.flatMap((f) => f.services.map((s) => [s.typeName, s] as const)));
  const construct = (s: GoService): string =>
    `&${s.typeName}{r: r${s.children.map((c) => `, ${c.field}: ${construct(byType.get(c.typeName)!)}`).join('')}}`;
  // One constructor per top-level service, so hand-written code gets its sub-services wired too.
  const constructors = top.map(
    (s) =>
      `// ${constructorName(s)} builds client.${s.accessPath} with its sub-services.\nfunc ${constructorName(s)}(r *requester) *${s.typeName} {\n\treturn ${construct(s)}\n}\n`,
  );
  const inits = top.map((s) => `\t\t${s.field}: ${constructorName(s)}(r),`);
  return goFile(
    [],
    [
      `// services holds one service per top-level resource of the ${model.title}; Client embeds it, so client.Verifications works.\ntype services struct {\n${fields.join('\n')}\n}\n`,
      `func newServices(r *requester) services {\n\treturn services{\n${inits.join('\n')}\n\t}\n}\n`,
      ...constructors,
    ],
  );
}

/** `newWebhookEndpointsService`. */
function constructorName(service: GoService): string {
  return `new${service.typeName}`;
}
