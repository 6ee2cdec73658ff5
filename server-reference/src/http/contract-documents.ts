import type { Hono } from 'hono';
import { serializeBundle } from '@namaskah/spec/bundle';
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
  const documents = { '/openapi.json': spec.document, '/asyncapi.json': spec.asyncapi };
  for (const [path, document] of Object.entries(documents)) {
    let text: string | null = null; // serialized on first request: most apps (tests) never serve it
    app.get(path, (c) => c.body((text ??= serializeBundle(document)), 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }));
  }
}
