// Bundles the multi-file contract into the single-file documents of spec/dist/ (DESIGN.md §2): Redocly
// resolves every file into local `#/components/...` refs, then each schema is re-keyed by its `title` so
// third-party tools (generators, fuzzers, linters) name types as the spec does, not after file names.
import path from 'node:path';
import { bundle, createConfig, loadConfig } from '@redocly/openapi-core';
import { asyncapiPath, openapiPath, specDir } from './load-documents.js';
import { keySchemasByTitle } from './key-schemas-by-title.js';

/** Where the artifacts are written, and what the package exports. */
export const distDir = path.join(specDir, 'dist');
export const bundleTargets = {
  openapi: { source: openapiPath, output: path.join(distDir, 'openapi.json') },
  asyncapi: { source: asyncapiPath, output: path.join(distDir, 'asyncapi.json') },
};

async function bundleFile(source, config) {
  const result = await bundle({ ref: source, config });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`bundling ${path.basename(source)} failed: ${errors.map((e) => e.message).join('; ')}`);
  return keySchemasByTitle(result.bundle.parsed);
}

/** spec/openapi.yaml as one document: schemas keyed by title, only internal refs. */
export async function bundleOpenApi() {
  return bundleFile(openapiPath, await loadConfig({ configPath: path.join(specDir, 'redocly.yaml') }));
}

/** spec/asyncapi.yaml as one document, the event schemas shared with OpenAPI keyed by the same titles. */
export async function bundleAsyncApi() {
  return bundleFile(asyncapiPath, await createConfig({}));
}

/** The exact bytes of an artifact: sorted by the bundler's stable traversal, two-space JSON, final newline. */
export const serializeBundle = (document) => `${JSON.stringify(document, null, 2)}\n`;
