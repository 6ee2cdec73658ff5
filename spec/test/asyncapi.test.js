// @asyncapi/parser must validate asyncapi.yaml (AsyncAPI 3.0) with zero errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAsyncApi, readYaml } from '../scripts/load-documents.js';

/** The `const` of a payload's `type` property, looking through allOf. */
function eventTypeConst(schema) {
  if (!schema || typeof schema !== 'object') return undefined;
  const direct = schema.properties?.type?.const;
  if (direct !== undefined) return direct;
  for (const part of schema.allOf ?? []) {
    const found = eventTypeConst(part);
    if (found !== undefined) return found;
  }
  return undefined;
}

const ERROR = 0; // DiagnosticSeverity.Error

test('asyncapi.yaml is a valid AsyncAPI 3.0 document with zero errors', async () => {
  const { document, diagnostics } = await parseAsyncApi();
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  assert.deepEqual(
    errors.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`),
    [],
  );
  assert.ok(document, 'the parser returned no document');
  assert.match(document.version(), /^3\./);
});

test('the WebSocket channel carries every event type of the catalog', async () => {
  const { document } = await parseAsyncApi();
  const eventTypes = new Set((await readYaml('schemas/event-type.yaml')).enum);
  const carried = new Set();
  for (const message of document.allMessages()) {
    const type = eventTypeConst(message.payload()?.json());
    if (type !== undefined) carried.add(type);
  }
  for (const type of eventTypes) assert.ok(carried.has(type), `no WebSocket message carries ${type}`);
});
