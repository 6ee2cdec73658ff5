// The statuses every operation must list because of what it reads (spec/README.md, "Rules every operation
// follows"): a server that answers them is never off its contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi, operationsOf } from '../scripts/load-documents.js';

const document = await loadOpenApi({ dereference: true });
const operations = operationsOf(document).map((op) => ({
  ...op,
  parameters: [...(document.paths[op.path].parameters ?? []), ...(op.operation.parameters ?? [])],
}));
const label = ({ method, path }) => `${method.toUpperCase()} ${path}`;

function codesOf(response) {
  const schema = response?.content?.['application/problem+json']?.schema;
  return [schema, ...(schema?.allOf ?? [])].flatMap((part) => part?.properties?.code?.enum ?? []);
}

test('path parameters have a pattern or an enum, and their operations list 404 not_found', () => {
  const bad = [];
  for (const op of operations) {
    const inPath = op.parameters.filter((p) => p.in === 'path');
    for (const p of inPath) if (!p.schema?.pattern && !p.schema?.enum) bad.push(`${label(op)}: {${p.name}} has neither pattern nor enum`);
    if (inPath.length && !codesOf(op.operation.responses['404']).includes('not_found')) bad.push(`${label(op)}: no 404 not_found`);
  }
  assert.deepEqual(bad, []);
});

test('operations reading a query or header parameter or a body list 422 validation_failed', () => {
  const bad = operations
    .filter((op) => op.operation.requestBody || op.parameters.some((p) => p.in === 'query' || p.in === 'header'))
    .filter((op) => !codesOf(op.operation.responses['422']).includes('validation_failed'))
    .map(label);
  assert.deepEqual(bad, []);
});

test('operations taking Idempotency-Key list 409 idempotency_key_in_use and 422 idempotency_key_reused', () => {
  const bad = [];
  for (const op of operations.filter((o) => o.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))) {
    if (!codesOf(op.operation.responses['409']).includes('idempotency_key_in_use')) bad.push(`${label(op)}: 409 idempotency_key_in_use`);
    if (!codesOf(op.operation.responses['422']).includes('idempotency_key_reused')) bad.push(`${label(op)}: 422 idempotency_key_reused`);
  }
  assert.deepEqual(bad, []);
});
