import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

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
  /** The OpenAPI document, as `spec/dist/openapi.json` holds it (schemas keyed by title). */
  document: Record<string, any>;
  /** The AsyncAPI document of the real-time channel, as `spec/dist/asyncapi.json` holds it. */
  asyncapi: Record<string, any>;
  /** The artifacts' bytes, served as they are at `/openapi.json` and `/asyncapi.json`. */
  texts: { openapi: string; asyncapi: string };
  operations: SpecOperation[];
}

/** RFC 6901 escaping of one pointer token. */
export const escapePointer = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Resolves a local JSON pointer (`#/components/...`) in `document`. */
export function resolvePointer(document: unknown, pointer: string): any {
  const tokens = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((t) => t.length > 0);
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
 * Reads the bundled contract `spec/dist/` ships (written by `pnpm gen`, drift-checked by the spec tests), so
 * the server validates against, and serves, exactly the published artifact without bundling the YAML at
 * every start, and lists its operations.
 */
export async function loadSpec(): Promise<LoadedSpec> {
  const artifact = (name: string) => readFile(require.resolve(`@namaskah/spec/${name}`), 'utf8');
  const [openapiText, asyncapiText] = await Promise.all([artifact('openapi.json'), artifact('asyncapi.json')]);
  const document = JSON.parse(openapiText) as Record<string, any>;
  const asyncapi = JSON.parse(asyncapiText) as Record<string, any>;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths ?? {})) {
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
  return { document, asyncapi, texts: { openapi: openapiText, asyncapi: asyncapiText }, operations };
}
