import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './support/test-server.ts';

const require = createRequire(import.meta.url);
const artifact = (name: string) => readFile(require.resolve(`@namaskah/spec/${name}`), 'utf8');

describe('the contract documents', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(['openapi.json', 'asyncapi.json'])('GET /%s serves the shipped artifact, without credentials', async (name) => {
    const res = await server.app.request(`/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(await res.text()).toBe(await artifact(name));
  });

  it('validates requests against the schemas keyed by title that it serves', async () => {
    const document = await (await server.app.request('/openapi.json')).json();
    expect(server.services.spec.document).toEqual(document);
    expect(Object.keys(document.components.schemas)).toContain('CreateVerificationRequest');
  });
});
