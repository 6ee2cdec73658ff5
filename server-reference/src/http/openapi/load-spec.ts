import { fileURLToPath } from 'node:url';
import { bundle, createConfig } from '@redocly/openapi-core';

/** The HTTP methods an OpenAPI path item can hold operations for. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One operation of the spec, with the JSON pointers the validators need. */
export interface SpecOperation {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  /** The spec's path template, `/v1/verifications/{verification_id}`. */
  path: string;
  tag: string;
  /** Pointer (in the bundled document) to the operation object. */
  pointer: string;
  operation: Record<string, any>;
}

/** The bundled contract and what the server reads out of it. */
export interface LoadedSpec {
  document: Record<string, any>;
  operations: SpecOperation[];
  /** Paths of the root table whose path file is not written yet (their `$ref` did not resolve). */
  unresolvedPaths: string[];
}

/** Default location of the contract: `spec/openapi.yaml` at the repository root. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../../../spec/openapi.yaml', import.meta.url));

/** RFC 6901 escaping of one pointer token. */
export const escapePointer = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Resolves a local JSON pointer (`#/components/...`) in `document`. */
export function resolvePointer(document: unknown, pointer: string): any {
  const tokens = pointer.replace(/^#\/?/, '').split('/').filter((t) => t.length > 0);
  let node: any = document;
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[token];
  }
  return node;
}

/** Follows local `$ref`s (not external ones) until a concrete object. */
export function deref(document: unknown, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string' && current.$ref.startsWith('#') && hops < 20; hops++) {
    current = resolvePointer(document, current.$ref);
  }
  return current;
}

/**
 * Bundles spec/openapi.yaml (all files into one document with local refs) and lists its operations.
 * Path files that do not exist yet are tolerated and reported in `unresolvedPaths`, so the server keeps
 * running while the contract is completed.
 */
export async function loadSpec(specPath: string = DEFAULT_SPEC_PATH): Promise<LoadedSpec> {
  const config = await createConfig({});
  const result = await bundle({ ref: specPath, config });
  const document = result.bundle.parsed as Record<string, any>;
  const operations: SpecOperation[] = [];
  const unresolvedPaths: string[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths ?? {})) {
    if (typeof item?.$ref === 'string' && !item.$ref.startsWith('#')) {
      unresolvedPaths.push(path);
      continue;
    }
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      operations.push({
        operationId: operation.operationId ?? `${method}${path}`,
        method,
        path,
        tag: operation.tags?.[0] ?? 'untagged',
        pointer: `#/paths/${escapePointer(path)}/${method}`,
        operation,
      });
    }
  }
  return { document, operations, unresolvedPaths };
}
