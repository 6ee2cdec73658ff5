import { pascalCase } from '../core/naming.js';
import type { EventDecl, RealtimeChannel, RealtimeMessage } from './ir-types.js';
import { mergeAllOf, type Schema, type SchemaConverter } from './schema-converter.js';

/** Reads the OpenAPI `webhooks` section: one event type per entry, its body schema the event envelope. */
export function readWebhookEvents(doc: Schema, types: SchemaConverter): EventDecl[] {
  return Object.entries<Schema>(doc.webhooks ?? {})
    .map(([type, item]) => {
      const op = item.post ?? Object.values<Schema>(item)[0];
      const schema = op?.requestBody?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`webhook ${type} has no application/json request body`);
      const ref = types.convert(schema, `${pascalCase(type)}Event`);
      if (ref.kind !== 'ref') throw new Error(`webhook ${type}: the event body must be an object schema`);
      const event: EventDecl = { type, typeName: ref.name };
      const description = (op.description ?? op.summary)?.trim();
      if (description) event.description = description;
      return event;
    })
    .sort((a, b) => a.type.localeCompare(b.type));
}

/**
 * Reads an AsyncAPI 3 document (which describes the server): `send` operations are messages the server
 * sends (the client receives them), `receive` operations are messages the client sends.
 */
export function readRealtimeChannels(doc: Schema, types: SchemaConverter): RealtimeChannel[] {
  const channels = new Map<object, RealtimeChannel>();
  for (const [id, channel] of Object.entries<Schema>(doc.channels ?? {})) {
    channels.set(channel, { address: channel.address ?? id, messages: [] });
  }
  const seen = new Set<string>();
  for (const [opId, op] of Object.entries<Schema>(doc.operations ?? {})) {
    const channel = channels.get(op.channel);
    if (!channel) throw new Error(`asyncapi operation ${opId} refers to an unknown channel`);
    const direction: RealtimeMessage['direction'] = op.action === 'send' ? 'receive' : 'send';
    const messages: Schema[] = op.messages ?? Object.values(op.channel.messages ?? {});
    for (const message of messages) {
      const name: string = message.name ?? message.title ?? `${opId}Message`;
      const key = `${channel.address}|${direction}|${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ref = types.convert(message.payload, `${pascalCase(name)}Message`);
      if (ref.kind !== 'ref') throw new Error(`asyncapi message ${name}: the payload must be an object schema`);
      const flat = message.payload?.allOf ? mergeAllOf(message.payload) : message.payload;
      const typeValue = flat?.properties?.type?.const ?? singleEnum(flat?.properties?.type);
      const entry: RealtimeMessage = { name, typeName: ref.name, direction };
      if (typeof typeValue === 'string') entry.type = typeValue;
      const description = (message.summary ?? message.description)?.trim();
      if (description) entry.description = description;
      channel.messages.push(entry);
    }
  }
  return [...channels.values()]
    .map((c) => ({ ...c, messages: c.messages.sort((a, b) => a.direction.localeCompare(b.direction) || a.name.localeCompare(b.name)) }))
    .sort((a, b) => a.address.localeCompare(b.address));
}

function singleEnum(schema: Schema | undefined): unknown {
  return Array.isArray(schema?.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined;
}
