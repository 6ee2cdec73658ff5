// Every example in both documents validates against its schema: media-type, parameter and header
// examples against their `schema`, and every schema's own `examples`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import Ajv07 from 'ajv';
import addFormats from 'ajv-formats';
import { loadOpenApi, parseAsyncApi } from '../scripts/load-documents.js';

function makeAjv(AjvClass) {
  // strict: false because OpenAPI adds keywords JSON Schema does not know (discriminator, xml, ...).
  const ajv = new AjvClass({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  // the contract's own format: a zone of the tz database (spec/README.md)
  ajv.addFormat('iana-time-zone', (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  });
  return ajv;
}

/**
 * Walks a dereferenced document and yields [where, schema, value] for every example found.
 * In OpenAPI 3.1 only a Schema has an array `examples`; Media Type, Parameter and Header objects have
 * `example` or an `examples` map of Example Objects beside a `schema`.
 */
function* examplesIn(node, where = '#', seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (node.schema && typeof node.schema === 'object') {
    if ('example' in node) yield [`${where}/example`, node.schema, node.example];
    if (node.examples && !Array.isArray(node.examples)) {
      for (const [name, example] of Object.entries(node.examples)) {
        if (example && 'value' in example) yield [`${where}/examples/${name}`, node.schema, example.value];
      }
    }
  }
  if (Array.isArray(node.examples) && looksLikeSchema(node)) {
    const { examples, ...schema } = node;
    for (const [i, value] of examples.entries()) yield [`${where}/examples/${i}`, schema, value];
  }
  for (const [key, child] of Object.entries(node)) yield* examplesIn(child, `${where}/${key}`, seen);
}

function looksLikeSchema(node) {
  return ['type', 'enum', 'const', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', 'format', '$ref'].some((k) => k in node);
}

function check(ajv, found) {
  const failures = [];
  for (const [where, schema, value] of found) {
    let validate;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      failures.push(`${where}: schema does not compile: ${error.message}`);
      continue;
    }
    if (!validate(value)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
  return failures;
}

test('every OpenAPI example validates against its schema', async () => {
  const document = await loadOpenApi({ dereference: true });
  const found = [...examplesIn(document)];
  assert.ok(found.length > 100, `expected the contract to be full of examples, found ${found.length}`);
  assert.deepEqual(check(makeAjv(Ajv2020), found), []);
});

test('every operation request and response body has an example', async () => {
  const document = await loadOpenApi({ dereference: true });
  const missing = [];
  const visit = (label, content) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      if (mediaType === 'text/event-stream' || media.schema?.format === 'binary') continue;
      if (!('example' in media) && !media.examples) missing.push(`${label} ${mediaType}`);
    }
  };
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      visit(`${method.toUpperCase()} ${route} request`, operation.requestBody?.content);
      for (const [status, response] of Object.entries(operation.responses))
        visit(`${method.toUpperCase()} ${route} ${status}`, response.content);
    }
  }
  assert.deepEqual(missing, []);
});

test('every AsyncAPI message example validates against its payload', async () => {
  const { document } = await parseAsyncApi();
  const ajv = makeAjv(Ajv07);
  const found = [];
  for (const message of document.allMessages()) {
    const payload = message.payload()?.json();
    for (const [i, example] of (message.examples()?.all() ?? []).entries()) {
      if (example.hasPayload()) found.push([`message ${message.id()} example ${i}`, payload, example.payload()]);
    }
    if (payload) found.push(...examplesIn(payload, `message ${message.id()} payload`));
  }
  assert.ok(found.length > 0, 'asyncapi.yaml has no message examples');
  assert.deepEqual(check(ajv, found), []);
});
