import { Namaskah } from '@namaskah/sdk';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { type Connection, connectStdio, resultJson, runToExit, TRANSPORTS } from './mcp-connections.js';

const namesOf = async (connection: Connection) => (await connection.client.listTools()).tools.map((t) => t.name);

describe.each(Object.entries(TRANSPORTS))('the tools a key is offered (%s)', (_transport, connect) => {
  let readOnly: Connection;
  let full: Connection;
  let allowed: Connection;
  beforeAll(async () => {
    [readOnly, full, allowed] = await Promise.all([
      connect(inject('readOnlyKey')),
      connect(inject('fullKey')),
      connect(inject('fullKey'), ['--allow-money-movement', '--allow-destructive']),
    ]);
  });
  afterAll(async () => {
    await Promise.all([readOnly, full, allowed].map((c) => c?.close()));
  });

  it('lists only what the key’s scopes allow', async () => {
    const names = await namesOf(readOnly);
    // catalog:read and verifications:read, any key's own reads, and the public operations
    expect(names).toEqual(
      expect.arrayContaining([
        'services_list',
        'prices_quote',
        'verifications_list',
        'verifications_retrieve',
        'me_api_key_retrieve',
        'health_retrieve',
      ]),
    );
    // other scopes, session-only and admin operations, the payment provider's signed callback
    for (const name of [
      'wallet_retrieve',
      'webhook_endpoints_list',
      'verifications_sandbox_sms_create',
      'api_keys_list',
      'admin_users_list',
      'security_retrieve',
      'wallet_payment_callbacks_create',
    ]) {
      expect(names).not.toContain(name);
    }
    expect(names.length).toBeLessThan((await namesOf(allowed)).length);
  });

  it('leaves money-moving and destructive tools out without their allow flags', async () => {
    const names = await namesOf(full);
    expect(names).toEqual(expect.arrayContaining(['wallet_retrieve', 'verifications_retrieve', 'webhook_endpoints_create']));
    for (const name of ['verifications_create', 'verifications_cancel', 'webhook_endpoints_delete', 'analytics_reports_delete'])
      expect(names).not.toContain(name);
  });

  it('offers and marks them with the flags', async () => {
    const tools = (await allowed.client.listTools()).tools;
    const create = tools.find((t) => t.name === 'verifications_create')!;
    expect(create.inputSchema).toMatchObject({
      type: 'object',
      required: ['service', 'country'],
      properties: { service: { type: 'string' } },
    });
    expect(create.description).toMatch(/^Buy a verification/);
    expect(create._meta).toMatchObject({ 'namaskah/moves_money': true, 'namaskah/destructive': false });
    expect(create.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    const remove = tools.find((t) => t.name === 'webhook_endpoints_delete')!;
    expect(remove.annotations).toMatchObject({ destructiveHint: true });
    expect(remove._meta).toMatchObject({ 'namaskah/destructive': true });
    expect(tools.find((t) => t.name === 'services_list')!.annotations).toMatchObject({ readOnlyHint: true });
    // still only the key's own: no session-only or admin tool
    expect(tools.map((t) => t.name)).not.toContain('admin_refunds_create');
  });

  it('refuses a money-moving call without the flag, and charges nothing', async () => {
    const client = new Namaskah({ baseUrl: inject('baseUrl'), apiKey: inject('fullKey') });
    const before = await client.wallet.retrieve();
    const offer = (await client.prices.list({ available: true, limit: 1 })).data[0]!;
    const refused = await full.client.callTool({
      name: 'verifications_create',
      arguments: { service: offer.service, country: offer.country },
    });
    expect(refused.isError).toBe(true);
    expect(resultJson(refused)).toMatchObject({ error: 'tool_refused', message: expect.stringContaining('--allow-money-movement') });
    expect((await client.wallet.retrieve()).balance).toEqual(before.balance);
  });

  it('refuses a call the key’s scopes do not allow, naming the scope', async () => {
    const refused = await readOnly.client.callTool({ name: 'wallet_retrieve', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(resultJson(refused).message).toContain('wallet:read');
  });
});

describe('starting without a usable key', () => {
  it('without a key, offers only the public tools', async () => {
    const anonymous = await connectStdio(undefined);
    try {
      const names = await namesOf(anonymous);
      expect(names).toContain('services_list');
      expect(names).not.toContain('verifications_list');
    } finally {
      await anonymous.close();
    }
  });

  it('with an access token, refuses to start and says it needs an API key', async () => {
    const run = await runToExit(inject('accessToken'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('needs an API key');
  });
});
