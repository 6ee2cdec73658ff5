import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/storage/events/event-catalog.ts';
import { contract } from '../support/contract.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The data schemas must stand alone: a plain 2020-12 validator that knows nothing of the spec. */
function standaloneAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iana-time-zone', true);
  return ajv;
}

describe.each(DRIVERS)('GET /v1/event-types (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists every catalog type, anonymously, with a self-contained data schema its example satisfies', async () => {
    const res = await server.request('GET', '/v1/event-types?limit=100');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ has_more: false, next_cursor: null });
    const names = res.body.data.map((t: { name: string }) => t.name);
    expect(names).toEqual([...EVENT_TYPES].sort());

    const ajv = standaloneAjv();
    for (const type of res.body.data) {
      expect(JSON.stringify(type.data_schema)).not.toContain('$ref');
      expect(type.summary.length).toBeGreaterThan(0);
      expect(type.description.length).toBeGreaterThan(0);
      expect(type.example.type).toBe(type.name);
      const validate = ajv.compile(type.data_schema);
      expect(validate(type.example.data), `${type.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // and the schema is the contract's, not a lax copy: a payload off the contract fails it
      expect(validate({}), type.name).toBe(false);
    }
  });

  it('takes its texts from the contract: the webhook summary and the event schema description', async () => {
    const { spec } = await contract();
    const res = await server.request('GET', '/v1/event-types?limit=100');
    const low = res.body.data.find((t: { name: string }) => t.name === 'balance.low');
    expect(low.summary).toBe(spec.document.webhooks['balance.low'].post.summary);
    expect(low.description).toBe(spec.document.components.schemas.BalanceLowEvent.description.trim());
    expect(low.data_schema.required).toEqual(['balance', 'threshold']);
    expect(low.data_schema.properties.balance.required).toEqual(['amount', 'currency']);
  });

  it('pages by name with limit and starting_after', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=4&starting_after=${cursor}` : 'limit=4';
      const res = await server.request('GET', `/v1/event-types?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.data.map((t: { name: string }) => t.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...EVENT_TYPES].sort());
  });

  it('accepts a valid credential and refuses an invalid one, and a bad limit', async () => {
    const { token } = await server.register();
    expect((await server.request('GET', '/v1/event-types', { token })).status).toBe(200);
    const bad = await server.request('GET', '/v1/event-types', { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    const limit = await server.request('GET', '/v1/event-types?limit=0');
    expect(limit.status).toBe(422);
    expect(limit.body.code).toBe('validation_failed');
  });
});
