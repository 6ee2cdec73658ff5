// Every rule the API enforces on input is in the schema (spec/README.md), so SDKs and tools see it too:
// integers a request carries are bounded, and the promised array and time-zone rules are written down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi, operationsOf } from '../scripts/load-documents.js';

const document = await loadOpenApi({ dereference: true });
const operations = operationsOf(document);

/** Yields [where, schema] for every schema a request (body or parameter) can carry. */
function* requestSchemas() {
  for (const op of operations) {
    const id = op.operation.operationId;
    for (const media of Object.values(op.operation.requestBody?.content ?? {})) yield* walk(media.schema, `${id} body`);
    for (const p of [...(document.paths[op.path].parameters ?? []), ...(op.operation.parameters ?? [])])
      yield* walk(p.schema, `${id} ${p.in} ${p.name}`);
  }
}
function* walk(schema, where, seen = new Set()) {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  yield [where, schema];
  for (const [name, child] of Object.entries(schema.properties ?? {})) yield* walk(child, `${where}.${name}`, seen);
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const child of schema[key] ?? []) yield* walk(child, where, seen);
  if (schema.items) yield* walk(schema.items, `${where}[]`, seen);
}

test('every integer or number a request carries has a maximum and a minimum', () => {
  const bad = [];
  for (const [where, schema] of requestSchemas()) {
    const types = [].concat(schema.type ?? []);
    if (!types.includes('integer') && !types.includes('number')) continue;
    if (schema.enum || schema.const !== undefined) continue;
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) bad.push(`${where}: no maximum`);
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) bad.push(`${where}: no minimum`);
  }
  assert.deepEqual([...new Set(bad)], []);
});

test('API-key scopes are at least one and each at most once', () => {
  const scopes =
    document.components.schemas?.CreateApiKeyRequest?.properties?.scopes ??
    operations.find((op) => op.operation.operationId === 'createApiKey').operation.requestBody.content['application/json'].schema.properties
      .scopes;
  assert.equal(scopes.minItems, 1);
  assert.equal(scopes.uniqueItems, true);
});

test('every time zone a request carries is an iana-time-zone', () => {
  const bad = [];
  for (const [where, schema] of requestSchemas()) {
    if (/\btimezone$/.test(where) && schema.type === 'string' && schema.format !== 'iana-time-zone') bad.push(where);
  }
  assert.deepEqual([...new Set(bad)], []);
});
