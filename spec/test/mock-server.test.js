// `pnpm mock` (Prism, started from the contract) answers GET /v1/services with a schema-valid body.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadOpenApi, specDir } from '../scripts/load-documents.js';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitFor(url, deadline) {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

test('the mock server serves GET /v1/services with a body valid against the contract', async () => {
  const port = await freePort();
  const mock = spawn(process.execPath, [path.join(specDir, 'scripts', 'mock.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  after(() => mock.kill());

  const response = await waitFor(`http://127.0.0.1:${port}/v1/services`, Date.now() + 60_000);
  assert.equal(response.status, 200);
  const body = await response.json();

  const document = await loadOpenApi({ dereference: true });
  const schema = document.paths['/v1/services'].get.responses['200'].content['application/json'].schema;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(body), ajv.errorsText(validate.errors));
  assert.ok(Array.isArray(body.data) && body.data.length > 0, 'the example lists services');
});
