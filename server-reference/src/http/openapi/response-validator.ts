import type { Ajv2020 } from 'ajv/dist/2020.js';
import { specRef } from './create-ajv.ts';
import { deref, type LoadedSpec, type SpecOperation } from './load-spec.ts';

/**
 * Headers a response lists but may leave out: the replay marker, and `Retry-After` on statuses that share
 * it between codes (a 409 carries it for `cancel_too_early` only). On a 429 it is always required.
 */
const optionalHeader = (name: string, status: number) => name === 'idempotent-replayed' || (name === 'retry-after' && status !== 429);

/** Finds the operation whose path template matches `pathname` (static segments win over parameters). */
export function matchOperation(spec: LoadedSpec, method: string, pathname: string): SpecOperation | null {
  const segments = pathname.split('/');
  let best: { op: SpecOperation; score: number } | null = null;
  for (const op of spec.operations) {
    if (op.method !== method.toLowerCase()) continue;
    const template = op.path.split('/');
    if (template.length !== segments.length) continue;
    let score = 0;
    let matches = true;
    for (const [i, part] of template.entries()) {
      if (/^\{.+\}$/.test(part)) continue;
      if (part !== segments[i]) {
        matches = false;
        break;
      }
      score++;
    }
    if (matches && (!best || score > best.score)) best = { op, score };
  }
  return best?.op ?? null;
}

/**
 * Checks a response against what the spec says the operation returns: the status is listed, every listed
 * header is present and matches its schema, and the body matches the schema of its media type.
 * Returns the list of mismatches (empty when the response honours the contract).
 */
export function checkResponse(
  spec: LoadedSpec,
  ajv: Ajv2020,
  op: SpecOperation,
  response: { status: number; headers: Headers; body: string },
): string[] {
  const problems: string[] = [];
  const responses = op.operation.responses ?? {};
  const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!statusKey) return [`${op.operationId}: status ${response.status} is not listed (listed: ${Object.keys(responses).join(', ')})`];
  const rawResponse = responses[statusKey];
  const base = typeof rawResponse?.$ref === 'string' ? rawResponse.$ref : `${op.pointer}/responses/${statusKey}`;
  const declared = deref(spec.document, rawResponse) ?? {};

  for (const [name, rawHeader] of Object.entries<any>(declared.headers ?? {})) {
    const header = deref(spec.document, rawHeader);
    const value = response.headers.get(name);
    if (value === null) {
      if (!optionalHeader(name.toLowerCase(), response.status) && header?.required !== false) problems.push(`header ${name} is missing`);
      continue;
    }
    if (header?.schema) {
      const headerPointer = typeof rawHeader?.$ref === 'string' ? rawHeader.$ref : `${base}/headers/${name}`;
      const validate = ajv.getSchema(`${specRef(`${headerPointer}/schema`).$ref}`) ?? ajv.compile(specRef(`${headerPointer}/schema`));
      const typed = header.schema.type === 'integer' || header.schema.type === 'number' ? Number(value) : value;
      if (!validate(typed)) problems.push(`header ${name}=${value}: ${ajv.errorsText(validate.errors)}`);
    }
  }

  const content = declared.content ?? {};
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (Object.keys(content).length === 0) {
    if (response.body.length > 0) problems.push(`a body was sent but status ${statusKey} declares none`);
    return problems.map((p) => `${op.operationId} ${response.status}: ${p}`);
  }
  if (!(contentType in content)) {
    problems.push(`content type ${contentType || '(none)'} is not one of ${Object.keys(content).join(', ')}`);
    return problems.map((p) => `${op.operationId} ${response.status}: ${p}`);
  }
  const mediaPointer = `${base}/content/${contentType.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
  if (content[contentType]?.schema && contentType.includes('json')) {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      problems.push('body is not JSON');
    }
    if (body !== undefined) {
      const validate = ajv.getSchema(specRef(mediaPointer).$ref) ?? ajv.compile(specRef(mediaPointer));
      if (!validate(body)) problems.push(`body: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return problems.map((p) => `${op.operationId} ${response.status}: ${p}`);
}
