// API-key scopes are part of the contract: each operation a key may call names the scope it needs on its
// `apiKey` security requirement, and the server enforces exactly that list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi, operationsOf, readYaml } from '../scripts/load-documents.js';

const document = await loadOpenApi({ dereference: true });
const scopes = (await readYaml('schemas/api-key-scope.yaml')).enum;
const keyed = operationsOf(document)
  .map((op) => ({ ...op, required: op.operation.security.find((r) => 'apiKey' in r)?.apiKey }))
  .filter((op) => op.required !== undefined);
const label = ({ method, path }) => `${method.toUpperCase()} ${path}`;

test('every operation open to API keys names at most one scope, from ApiKeyScope, read for GET and write otherwise', () => {
  assert.ok(keyed.length > 40, `only ${keyed.length} operations accept API keys`);
  const bad = [];
  for (const op of keyed) {
    if (op.required.length > 1) bad.push(`${label(op)}: more than one scope`);
    const [scope] = op.required;
    if (scope === undefined) continue;
    if (!scopes.includes(scope)) bad.push(`${label(op)}: ${scope} is not an ApiKeyScope`);
    // reading events over a WebSocket starts with a POST for the ticket, and only reads
    const reads = op.method === 'get' || op.operation.operationId === 'createRealtimeTicket';
    if (!scope.endsWith(reads ? ':read' : ':write')) bad.push(`${label(op)}: ${scope} for a ${op.method.toUpperCase()}`);
  }
  assert.deepEqual(bad, []);
});

test('every ApiKeyScope opens at least one operation', () => {
  const used = new Set(keyed.flatMap((op) => op.required));
  assert.deepEqual(
    scopes.filter((s) => !used.has(s)),
    [],
  );
});

test('only the reads of /v1/me (the account, the calling key) are open to every key, whatever its scopes', () => {
  const bad = [];
  for (const op of keyed)
    if (op.operation.security.some((r) => 'apiKey' in r && r.apiKey.length === 0) && op.operation.tags[0] !== 'me') bad.push(label(op));
  assert.deepEqual(bad, []);
});
