import { resolvePointer } from '../http/openapi/load-spec.ts';
import type { Schemas } from '../serializers/wire-models.ts';

type EventTypeDefinition = Schemas['EventTypeDefinition'];
type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `schema` with every local `$ref` (`#/components/...`) replaced by what it points to, so the result
 * stands alone. The event schemas hold no cycle; `seen` turns one into an error instead of a hang.
 */
function inlineRefs(document: JsonObject, schema: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(document, item, seen));
  if (!isObject(schema)) return schema;
  const { $ref, ...rest } = schema;
  if (typeof $ref === 'string') {
    if (seen.includes($ref)) throw new Error(`cyclic $ref ${$ref} in an event schema`);
    if (!$ref.startsWith('#/')) throw new Error(`only local references are bundled: ${$ref}`);
    const target = resolvePointer(document, $ref);
    // siblings of a $ref (OpenAPI 3.1 allows `description` beside it) win over the target's own
    return { ...(inlineRefs(document, target, [...seen, $ref]) as JsonObject), ...(inlineRefs(document, rest, seen) as JsonObject) };
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inlineRefs(document, value, seen)]));
}

/** The `data` member of an inlined event schema (`allOf: [EventBase, { properties: { type, data } }]`). */
function dataSchemaOf(eventSchema: JsonObject): unknown {
  for (const part of (eventSchema.allOf as unknown[] | undefined) ?? []) {
    const data = isObject(part) && isObject(part.properties) ? part.properties.data : undefined;
    if (data !== undefined) return data;
  }
  if (isObject(eventSchema.properties) && eventSchema.properties.data !== undefined) return eventSchema.properties.data;
  throw new Error(`event schema ${String(eventSchema.title)} has no data`);
}

const catalogues = new WeakMap<object, EventTypeDefinition[]>();

/**
 * The event catalog read out of the bundled OpenAPI document (spec/dist/openapi.json): one entry per
 * `webhooks` item, its summary from the webhook, its description from the event schema, the event
 * schema's `data` with every reference inlined, and the webhook's first example. Ordered by name and
 * computed once per document: nothing here is written twice.
 *
 * @example
 * eventTypeCatalogue(spec.document).map((t) => t.name) // ['announcement.published', 'balance.credited', ...]
 */
export function eventTypeCatalogue(document: JsonObject): EventTypeDefinition[] {
  const cached = catalogues.get(document);
  if (cached) return cached;
  const webhooks = (document.webhooks ?? {}) as Record<string, { post: JsonObject }>;
  const catalogue = Object.entries(webhooks)
    .map(([name, item]) => {
      const body = (item.post.requestBody as JsonObject).content as Record<string, JsonObject>;
      const json = body['application/json'] as { schema: JsonObject; examples: Record<string, JsonObject> };
      const eventSchema = inlineRefs(document, json.schema) as JsonObject;
      const [firstExample] = Object.values(json.examples);
      const example = inlineRefs(document, firstExample) as { value: unknown };
      return {
        name,
        summary: String(item.post.summary),
        description: String(eventSchema.description ?? '').trim(),
        data_schema: dataSchemaOf(eventSchema) as JsonObject,
        example: example.value,
      } as EventTypeDefinition;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  catalogues.set(document, catalogue);
  return catalogue;
}
