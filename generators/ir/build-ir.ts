import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readErrorCodes } from './error-code-catalog.js';
import { readRealtimeChannels, readWebhookEvents } from './events-reader.js';
import type { Ir, SecurityScheme, TypeDecl, UnionDecl } from './ir-types.js';
import { loadDocument } from './load-document.js';
import { readResources } from './openapi-reader.js';
import { type Schema, SchemaConverter } from './schema-converter.js';

export interface BuildIrResult {
  ir: Ir;
  /** Spec entries left out because their files are not written yet. */
  warnings: string[];
}

/**
 * Reads `<specDir>/openapi.yaml` (and `asyncapi.yaml` when present) into the IR. This is the only
 * function in the repository that reads spec/.
 */
export async function buildIr(specDir: string): Promise<BuildIrResult> {
  const openapi = await loadDocument(join(specDir, 'openapi.yaml'), ['paths', 'webhooks']);
  const doc = openapi.document as Schema;
  const types = new SchemaConverter();

  const resources = readResources(doc, types);
  const events = readWebhookEvents(doc, types);
  if (events.length > 0) {
    addUnion(types, {
      kind: 'union',
      name: 'WebhookEvent',
      description: 'Any event delivered to a webhook endpoint, discriminated by `type`.',
      variants: events.map((e) => ({ kind: 'ref', name: e.typeName })),
      discriminator: { property: 'type', mapping: events.map((e) => ({ value: e.type, type: e.typeName })) },
    });
  }

  const warnings = [...openapi.skipped];
  let realtime: Ir['realtime'] = [];
  const asyncapiFile = join(specDir, 'asyncapi.yaml');
  if (existsSync(asyncapiFile)) {
    const asyncapi = await loadDocument(asyncapiFile, []);
    realtime = readRealtimeChannels(asyncapi.document as Schema, types);
  }

  const ir: Ir = {
    info: { title: doc.info?.title ?? '', version: doc.info?.version ?? '' },
    servers: (doc.servers ?? []).map((s: Schema) => s.url),
    securitySchemes: readSecuritySchemes(doc),
    resources,
    types: [...types.decls.values()].sort((a, b) => a.name.localeCompare(b.name)),
    errorCodes: readErrorCodes(join(specDir, 'schemas', 'error-code.yaml'), resources),
    events,
    realtime,
  };
  return { ir, warnings };
}

function addUnion(types: SchemaConverter, union: UnionDecl): void {
  if (types.decls.has(union.name)) throw new Error(`the spec already defines ${union.name}; the IR needs that name`);
  types.decls.set(union.name, union as TypeDecl);
}

function readSecuritySchemes(doc: Schema): SecurityScheme[] {
  return Object.entries<Schema>(doc.components?.securitySchemes ?? {})
    .map(([name, s]) => {
      const scheme: SecurityScheme = { name, type: s.type };
      if (s.scheme) scheme.scheme = s.scheme;
      if (s.in) scheme.in = s.in;
      if (s.name) scheme.headerName = s.name;
      return scheme;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
