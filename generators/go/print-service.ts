import { goDoc, goString } from './naming.js';
import { goFile } from './print-file.js';
import { printFields } from './print-models.js';
import type { GoMethod, GoModel, GoService } from './refine.js';

/** One service file: the service type, its params structs and a method per operation. */
export function printService(service: GoService): string {
  const params = service.paramsStructs.map((p) => `${goDoc([p.doc])}type ${p.name} struct {\n${printFields(p.fields)}}\n`);
  const doc = goDoc([`${service.typeName} groups the ${service.tag} operations (client.${service.field}).`, service.description]);
  return goFile(service.imports, [
    `${doc}type ${service.typeName} struct {\n\tr *requester\n}\n`,
    ...params,
    ...service.methods.map((m) => printMethod(service, m)),
  ]);
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
  if (m.body) lines.push(`\treq.setBody(body${m.body.kind === 'json' ? 'JSON' : m.body.kind === 'form' ? 'Form' : 'Binary'}, ${m.body.expr})`);
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

/** `gen_services.go`: the struct of every service the client embeds. */
export function printServices(model: GoModel): string {
  const fields = model.services.map((s) => `${goDoc([`${s.field}: ${s.description ?? `the ${s.tag} operations.`}`], '\t')}\t${s.field} *${s.typeName}`);
  const inits = model.services.map((s) => `\t\t${s.field}: &${s.typeName}{r: r},`);
  return goFile(
    [],
    [
      `// services holds one service per tag of the ${model.title}; Client embeds it, so client.Verifications works.\ntype services struct {\n${fields.join('\n')}\n}\n`,
      `func newServices(r *requester) services {\n\treturn services{\n${inits.join('\n')}\n\t}\n}\n`,
    ],
  );
}
