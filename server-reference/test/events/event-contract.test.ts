import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '@redocly/openapi-core';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/storage/events/append-event.ts';
import { EVENT_TYPES, toWireEvent, type EventType } from '../../src/storage/events/event-catalog.ts';
import { EventStore } from '../../src/events/event-store.ts';
import { specRef } from '../../src/http/openapi/create-ajv.ts';
import { contract } from '../support/contract.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertUser } from './support.ts';

const EXAMPLES = fileURLToPath(new URL('../../../spec/examples/', import.meta.url));

/** The `data` of the spec's example of each event type (spec/examples/event-*.yaml). */
function exampleData(): Map<EventType, unknown> {
  const byType = new Map<EventType, unknown>();
  for (const file of readdirSync(EXAMPLES).filter((f) => f.startsWith('event-'))) {
    const { value } = parseYaml(readFileSync(EXAMPLES + file, 'utf8')) as { value: { type: EventType; data: unknown } };
    byType.set(value.type, value.data);
  }
  return byType;
}

describe.each(DRIVERS)('stored events match the contract (%s)', (driver) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('every catalog type round-trips through the store as a valid spec Event', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const { ajv, spec } = await contract();
    expect(spec.document.components.schemas.EventType.enum).toEqual([...EVENT_TYPES]);
    const validate = ajv.compile(specRef('#/components/schemas/Event'));
    const { userId } = await insertUser(db);
    const examples = exampleData();
    expect([...examples.keys()].sort()).toEqual([...EVENT_TYPES].sort());
    await db.transaction().execute(async (trx) => {
      for (const type of EVENT_TYPES) await appendEvent(trx, { userId, type, data: examples.get(type) });
    });
    const stored = await new EventStore(db).range(userId, 0, 100);
    expect(stored.map((e) => e.type)).toEqual([...EVENT_TYPES]);
    for (const event of stored) {
      const ok = validate(toWireEvent(event));
      expect(ok, `${event.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // and a payload off the contract is caught by the same check
    await db.transaction().execute((trx) => appendEvent(trx, { userId, type: 'balance.low', data: { balance: 5 } }));
    const [bad] = await new EventStore(db).range(userId, EVENT_TYPES.length, EVENT_TYPES.length + 1);
    expect(bad).toBeDefined();
    expect(validate(toWireEvent(bad!))).toBe(false);
  });
});
