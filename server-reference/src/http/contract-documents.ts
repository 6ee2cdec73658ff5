import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { LoadedSpec } from './openapi/load-spec.ts';

/**
 * Serves the contract the server runs on, byte for byte the artifacts of `spec/dist/`: `GET /openapi.json`
 * and `GET /asyncapi.json`, public, for tools pointed at a running server (Schemathesis, generators, docs).
 * Outside `/v1`, so neither authentication nor the API rate limit applies.
 *
 * @example
 * registerContractDocuments(app, spec);
 * await app.request('/openapi.json'); // 200, the bundled OpenAPI document
 */
export function registerContractDocuments(app: Hono<AppEnv>, spec: LoadedSpec): void {
  const documents = { '/openapi.json': spec.texts.openapi, '/asyncapi.json': spec.texts.asyncapi };
  for (const [path, text] of Object.entries(documents)) {
    app.get(path, (c) => c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }));
  }
}
