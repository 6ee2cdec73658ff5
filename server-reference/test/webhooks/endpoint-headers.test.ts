import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const CREDENTIAL = 'Bearer rcv_live_4f8a1c9e77';

describe.each(DRIVERS)('per-endpoint delivery headers (%s)', (driver) => {
  let h: WebhookHarness;
  let user: { token: string; userId: string };
  beforeEach(async () => {
    h = await createWebhookHarness(driver, { clockStart: Date.now() });
    user = await h.proUser();
  });
  afterEach(() => h.close());

  const create = (body: Record<string, unknown>) => h.request('POST', '/v1/webhook-endpoints', { token: user.token, body });

  it('stores the headers encrypted, shows secret-looking values masked, and replaces them on update', async () => {
    const res = await create({
      url: 'http://127.0.0.1:9/hook',
      event_types: ['*'],
      headers: { Authorization: CREDENTIAL, 'X-Route': 'orders' },
    });
    expect(res.status).toBe(201);
    expect(res.body.headers).toEqual({ Authorization: '********', 'X-Route': 'orders' });
    const stored = await h.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('rcv_live_4f8a1c9e77');

    const got = await h.request('GET', `/v1/webhook-endpoints/${res.body.id}`, { token: user.token });
    expect(got.body.headers).toEqual({ Authorization: '********', 'X-Route': 'orders' });
    const untouched = await h.request('PATCH', `/v1/webhook-endpoints/${res.body.id}`, { token: user.token, body: { description: 'x' } });
    expect(untouched.body.headers).toEqual({ Authorization: '********', 'X-Route': 'orders' });
    const replaced = await h.request('PATCH', `/v1/webhook-endpoints/${res.body.id}`, {
      token: user.token,
      body: { headers: { 'X-Api-Key': 'k1', 'X-Tenant': 't1' } },
    });
    expect(replaced.body.headers).toEqual({ 'X-Api-Key': '********', 'X-Tenant': 't1' });
    const cleared = await h.request('PATCH', `/v1/webhook-endpoints/${res.body.id}`, { token: user.token, body: { headers: {} } });
    expect(cleared.body.headers).toEqual({});
    const plain = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['*'] });
    expect(plain.body.headers).toEqual({});
  });

  it.each([
    ['Content-Type', 'reserved'],
    ['webhook-signature', 'reserved'],
    ['Webhook-Id', 'reserved'],
    ['HOST', 'reserved'],
    ['Namaskah-Webhook-Test', 'reserved'],
  ])('refuses the reserved name %s with a field error', async (name, code) => {
    const res = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['*'], headers: { 'X-Fine': '1', [name]: 'x' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: `/body/headers/${name}`, code })]);
    expect((await h.request('GET', '/v1/webhook-endpoints', { token: user.token })).body.data).toEqual([]);
  });

  it('refuses a name given twice, a bad name, a control character, too many or too long, also on update', async () => {
    const twice = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['*'], headers: { 'X-A': '1', 'x-a': '2' } });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: '/body/headers/x-a', code: 'duplicate' })]);
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-H${i}`, 'v']));
    for (const headers of [{ 'bad name': 'v' }, { 'X-A': 'line\r\nInjected: 1' }, { 'X-A': 'v'.repeat(1025) }, many, { 'X-A': 5 }]) {
      const res = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['*'], headers });
      expect(res.status, JSON.stringify(headers).slice(0, 60)).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
    const ok = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['*'], headers: { 'X-Route': 'a' } });
    const bad = await h.request('PATCH', `/v1/webhook-endpoints/${ok.body.id}`, { token: user.token, body: { headers: { Host: 'evil' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: '/body/headers/Host', code: 'reserved' })]);
    const after = await h.request('GET', `/v1/webhook-endpoints/${ok.body.id}`, { token: user.token });
    expect(after.body.headers).toEqual({ 'X-Route': 'a' });
  });

  describe('deliveries', () => {
    let receiver: WebhookReceiver;
    beforeEach(async () => {
      receiver = await startReceiver();
    });
    afterEach(() => receiver.close());

    it('carry the headers, still verify, and the delivery log masks the credential', async () => {
      const userId = await h.insertUser();
      const { endpoint, secret } = await h.webhooks.endpoints.create(userId, {
        url: `${receiver.url}/hook`,
        event_types: ['*'],
        headers: { Authorization: CREDENTIAL, 'X-Route': 'orders' },
      });
      await h.webhooks.handleEvent(committedEvent(userId, 'refund.issued', { amount: 250, reason: 'expired' }));
      await h.webhooks.worker.runDue();
      const [request] = await receiver.waitFor(1);
      if (!request) throw new Error('no webhook request was received');
      expect(request.headers.authorization).toBe(CREDENTIAL);
      expect(request.headers['x-route']).toBe('orders');
      expect(request.headers['content-type']).toBe('application/json');
      expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();

      const [logged] = await h.db
        .selectFrom('webhook_deliveries')
        .select('request_headers')
        .where('endpoint_id', '=', endpoint.id)
        .execute();
      expect(logged?.request_headers).toMatchObject({
        Authorization: '********',
        'X-Route': 'orders',
        'webhook-id': request.headers['webhook-id'],
      });
      expect(JSON.stringify(logged)).not.toContain('rcv_live_4f8a1c9e77');
    });
  });
});
