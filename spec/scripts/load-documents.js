// Loads the contract for this package's own tools and tests (lint helpers, stats, example checks).
// Bundling resolves the multi-file layout into one document; `dereference` inlines every $ref.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bundle, loadConfig } from '@redocly/openapi-core';
import YAML from 'yaml';

export const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const openapiPath = path.join(specDir, 'openapi.yaml');
export const asyncapiPath = path.join(specDir, 'asyncapi.yaml');

/** The OpenAPI document as one object. With `dereference: true` no $ref is left. */
export async function loadOpenApi({ dereference = false } = {}) {
  const config = await loadConfig({ configPath: path.join(specDir, 'redocly.yaml') });
  const result = await bundle({ ref: openapiPath, config, dereference });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`bundling openapi.yaml failed: ${errors.map((e) => e.message).join('; ')}`);
  return result.bundle.parsed;
}

/** A YAML file of the spec, parsed, with its $refs left as written. */
export async function readYaml(relativePath) {
  return YAML.parse(await readFile(path.join(specDir, relativePath), 'utf8'));
}

/** Every operation of a bundled OpenAPI document as { path, method, operation }. */
export function operationsOf(document) {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
  const list = [];
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) if (item[method]) list.push({ path: route, method, operation: item[method], pathItem: item });
  }
  return list;
}

/** Parses and validates asyncapi.yaml with @asyncapi/parser; returns the parsed document and diagnostics. */
export async function parseAsyncApi() {
  const { Parser, fromFile } = await import('@asyncapi/parser');
  const parser = new Parser();
  return fromFile(parser, asyncapiPath).parse();
}
