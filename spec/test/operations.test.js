// The rules of spec/README.md that a linter does not know, checked on every operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi, operationsOf, readYaml } from '../scripts/load-documents.js';

const document = await loadOpenApi({ dereference: true });
const operations = operationsOf(document);
const errorCodes = new Set((await readYaml('schemas/error-code.yaml')).enum);
const REQUIRED_HEADERS = ['Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
const label = ({ method, path }) => `${method.toUpperCase()} ${path}`;

/** The `code` values a problem schema narrows to (through allOf). */
function problemCodes(schema) {
  const codes = [];
  for (const part of [schema, ...(schema?.allOf ?? [])]) codes.push(...(part?.properties?.code?.enum ?? []));
  return codes;
}

test('the whole platform is described (about 90 operations or more)', () => {
  assert.ok(operations.length >= 90, `only ${operations.length} operations`);
});

test('every operation has an operationId, one tag, a summary, a description and explicit security', () => {
  const bad = [];
  for (const op of operations) {
    const o = op.operation;
    if (!/^[a-z][A-Za-z0-9]+$/.test(o.operationId ?? '')) bad.push(`${label(op)}: operationId`);
    if (o.tags?.length !== 1) bad.push(`${label(op)}: tags`);
    if (!o.summary || !o.description) bad.push(`${label(op)}: summary/description`);
    if (!Array.isArray(o.security)) bad.push(`${label(op)}: security`);
  }
  assert.deepEqual(bad, []);
});

test('every response carries Request-Id and the RateLimit headers; 429 also Retry-After', () => {
  const bad = [];
  for (const op of operations) {
    for (const [status, response] of Object.entries(op.operation.responses)) {
      const missing = REQUIRED_HEADERS.filter((h) => !response.headers?.[h]);
      if (status === '429' && !response.headers?.['Retry-After']) missing.push('Retry-After');
      if (missing.length) bad.push(`${label(op)} ${status}: ${missing.join(', ')}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every error response is problem+json narrowing `code` to catalog codes', () => {
  const bad = [];
  for (const op of operations) {
    const statuses = Object.keys(op.operation.responses);
    if (!statuses.some((s) => s.startsWith('4'))) bad.push(`${label(op)}: no 4xx response`);
    if (op.operation.security.length && !statuses.includes('401')) bad.push(`${label(op)}: authenticated but no 401`);
    for (const [status, response] of Object.entries(op.operation.responses)) {
      if (!/^[45]/.test(status)) continue;
      const media = response.content?.['application/problem+json'];
      if (!media) {
        bad.push(`${label(op)} ${status}: not problem+json`);
        continue;
      }
      const codes = problemCodes(media.schema);
      if (!codes.length) bad.push(`${label(op)} ${status}: codes not listed`);
      for (const code of codes) if (!errorCodes.has(code)) bad.push(`${label(op)} ${status}: unknown code ${code}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every unsafe POST accepts Idempotency-Key', () => {
  // Register, login and refresh take a key too: a retry with the same body gets the stored (sealed)
  // response. OAuth endpoints follow RFC 6749 instead, and payment callbacks are deduplicated by the
  // provider's own event id.
  const exempt = ['/v1/oauth/', '/v1/wallet/payment-callbacks/'];
  const missing = operations
    .filter((op) => op.method === 'post' && !exempt.some((prefix) => op.path.startsWith(prefix)))
    .filter((op) => !(op.operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
    .map(label);
  assert.deepEqual(missing, []);
});

test('lists are cursor-paginated: limit + starting_after in, data + has_more + next_cursor out', () => {
  const bad = [];
  for (const op of operations.filter((o) => o.method === 'get')) {
    const schema = op.operation.responses['200']?.content?.['application/json']?.schema;
    const isList = schema?.properties?.data?.type === 'array';
    if (!isList) continue;
    const params = new Set((op.operation.parameters ?? []).map((p) => p.name));
    for (const name of ['limit', 'starting_after']) if (!params.has(name)) bad.push(`${label(op)}: no ${name}`);
    for (const field of ['has_more', 'next_cursor']) if (!schema.properties[field]) bad.push(`${label(op)}: no ${field}`);
  }
  assert.deepEqual(bad, []);
});

test('operationIds are unique', () => {
  const ids = operations.map((o) => o.operation.operationId);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});
