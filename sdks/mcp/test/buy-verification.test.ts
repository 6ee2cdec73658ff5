import { Namaskah } from '@namaskah/sdk';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { type Connection, resultJson, TRANSPORTS } from './mcp-connections.js';

/** An agent's whole errand through tools: buy a number on the sandbox, receive the code, read it. */
describe.each(Object.entries(TRANSPORTS))('buying a verification through tools (%s)', (_transport, connect) => {
  let mcp: Connection;
  const client = new Namaskah({ baseUrl: inject('baseUrl'), apiKey: inject('fullKey') });
  beforeAll(async () => {
    mcp = await connect(inject('fullKey'), ['--allow-money-movement']);
  });
  afterAll(async () => {
    await mcp?.close();
  });

  async function call(name: string, args: Record<string, unknown>) {
    const result = await mcp.client.callTool({ name, arguments: args });
    return { isError: result.isError === true, json: resultJson(result), structured: result.structuredContent };
  }

  it('creates, injects an SMS and reads the code, charging the quoted price once', async () => {
    const offers = await call('prices_list', { available: true, limit: 1 });
    const offer = offers.json.data[0];
    const before = await client.wallet.retrieve();
    const created = await call('verifications_create', { service: offer.service, country: offer.country });
    expect(created.isError).toBe(false);
    expect(created.structured).toMatchObject({ id: expect.stringMatching(/^ver_/), status: 'pending', service: offer.service });
    const id = created.json.id as string;
    expect((await client.wallet.retrieve()).balance.amount).toBe(before.balance.amount - created.json.price.amount);

    const injected = await call('verifications_sandbox_sms_create', { verification_id: id, text: 'Your code is 482-913' });
    expect(injected.isError).toBe(false);
    const read = await call('verifications_retrieve', { verification_id: id });
    expect(read.json).toMatchObject({ id, status: 'completed', code: '482913' });
    const messages = await call('verifications_messages_list', { verification_id: id });
    expect(messages.json.data).toEqual([expect.objectContaining({ text: 'Your code is 482-913' })]);
  });

  it('answers a problem as a tool error with its code and detail, and charges nothing', async () => {
    const before = await client.wallet.retrieve();
    const missing = await call('verifications_create', { service: 'no-such-service', country: 'US' });
    expect(missing.isError).toBe(true);
    expect(missing.json).toMatchObject({ status: 404, code: 'not_found', detail: expect.any(String) });
    const invalid = await call('verifications_retrieve', { verification_id: 'ver_doesnotexist0' });
    expect(invalid.json).toMatchObject({ status: 404, code: 'not_found' });
    expect((await client.wallet.retrieve()).balance).toEqual(before.balance);
  });

  it('refuses a call without its required arguments before sending anything', async () => {
    const result = await call('verifications_retrieve', {});
    expect(result.isError).toBe(true);
    expect(result.json).toMatchObject({ error: 'invalid_arguments', message: expect.stringContaining('verification_id') });
  });
});

describe('retrying a purchase through tools', () => {
  let mcp: Connection;
  const client = new Namaskah({ baseUrl: inject('baseUrl'), apiKey: inject('fullKey') });
  beforeAll(async () => {
    mcp = await TRANSPORTS.stdio(inject('fullKey'), ['--allow-money-movement']);
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('the same idempotency_key, even sent twice at once, buys once and charges once', async () => {
    const offer = (await client.prices.list({ available: true, limit: 1 })).data[0]!;
    const before = await client.wallet.retrieve();
    const args = { service: offer.service, country: offer.country, idempotency_key: `mcp-${crypto.randomUUID()}` };
    const [first, second] = await Promise.all([0, 1].map(() => mcp.client.callTool({ name: 'verifications_create', arguments: args })));
    const third = await mcp.client.callTool({ name: 'verifications_create', arguments: args });
    const ids = [first, second, third].map((r) => resultJson(r).id);
    expect(ids[0]).toMatch(/^ver_/);
    expect(new Set(ids).size).toBe(1);
    const price = resultJson(third).price.amount as number;
    expect((await client.wallet.retrieve()).balance.amount).toBe(before.balance.amount - price);
    // without a key, each call is a purchase of its own
    const other = await mcp.client.callTool({
      name: 'verifications_create',
      arguments: { service: offer.service, country: offer.country },
    });
    expect(resultJson(other).id).not.toBe(ids[0]);
  });
});
