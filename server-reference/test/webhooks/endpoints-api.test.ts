import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';

describe.each(DRIVERS)('webhook endpoint management (%s)', (driver) => {
  let h: WebhookHarness;
  let user: { token: string; userId: string };
  beforeEach(async () => {
    h = await createWebhookHarness(driver);
    user = await h.proUser();
  });
  afterEach(() => h.close());

  const create = (body: Record<string, unknown>, token = user.token) => h.request('POST', '/v1/webhook-endpoints', { token, body });

  it('creates an endpoint, shows the secret once, and stores it encrypted', async () => {
    const res = await create({
      url: 'http://127.0.0.1:9/hook',
      event_types: ['verification.completed', 'refund.issued'],
      description: 'orders',
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    expect(res.body.secret_prefix).toBe(res.body.secret.slice(0, 10));
    expect(res.headers.get('location')).toBe(`/v1/webhook-endpoints/${res.body.id}`);
    expect(res.body).toMatchObject({
      enabled: true,
      disabled_reason: null,
      event_types: ['verification.completed', 'refund.issued'],
      description: 'orders',
    });

    const stored = await h.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(stored.secret_ciphertext).not.toContain(res.body.secret.slice(6, 30));
    expect(JSON.stringify(stored)).not.toContain(res.body.secret.slice(6));

    const got = await h.request('GET', `/v1/webhook-endpoints/${res.body.id}`, { token: user.token });
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    expect(got.body.secret_prefix).toBe(res.body.secret_prefix);
  });

  it('refuses bad event filters with 422 validation_failed and creates nothing', async () => {
    for (const event_types of [[], ['*', 'refund.issued'], ['refund.issued', 'refund.issued']]) {
      const res = await create({ url: 'http://127.0.0.1:9/hook', event_types });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
    const unknown = await create({ url: 'http://127.0.0.1:9/hook', event_types: ['no.such.type'] });
    expect(unknown.status).toBe(422);
    const list = await h.request('GET', '/v1/webhook-endpoints', { token: user.token });
    expect(list.body.data).toEqual([]);
  });

  it('refuses user info and fragments, and unresolvable hosts, with validation_failed', async () => {
    for (const url of ['http://user:pw@127.0.0.1:9/x', 'http://127.0.0.1:9/x#frag', 'https://does-not-exist.invalid/x']) {
      const res = await create({ url, event_types: ['*'] });
      expect(res.status, url).toBe(422);
      expect(res.body.code, url).toBe('validation_failed');
    }
  });

  it('needs a tier with webhooks to create, and answers 404 for another account', async () => {
    const basic = await h.server.register();
    const refused = await create({ url: 'http://127.0.0.1:9/x', event_types: ['*'] }, basic.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('feature_not_available');

    const mine = await create({ url: 'http://127.0.0.1:9/x', event_types: ['*'] });
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/deliveries'],
    ] as const) {
      const res = await h.request(method, `/v1/webhook-endpoints/${mine.body.id}${path}`, {
        token: basic.token,
        body: method === 'PATCH' ? { description: 'x' } : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('allows at most 20 endpoints per account, even when created concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => create({ url: `http://127.0.0.1:9/h${i}`, event_types: ['*'] })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(4);
    expect(refused[0]!.body.code).toBe('resource_limit_reached');
  });

  it('lists newest first with cursor pagination and the enabled filter', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await create({ url: `http://127.0.0.1:9/h${i}`, event_types: ['*'], enabled: i % 2 === 0 })).body.id);
    const first = await h.request('GET', '/v1/webhook-endpoints?limit=2', { token: user.token });
    expect(first.body.data.map((e: any) => e.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.has_more).toBe(true);
    const second = await h.request('GET', `/v1/webhook-endpoints?limit=2&starting_after=${first.body.next_cursor}`, { token: user.token });
    expect(second.body.data.map((e: any) => e.id)).toEqual([ids[2], ids[1]]);
    const disabled = await h.request('GET', '/v1/webhook-endpoints?enabled=false', { token: user.token });
    expect(disabled.body.data.map((e: any) => e.id)).toEqual([ids[3], ids[1]]);
    expect(disabled.body.data[0].disabled_reason).toBe('manual');
  });

  it('updates fields present, disables and re-enables, and deletes', async () => {
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/x', event_types: ['refund.issued'], description: 'a' });
    const changed = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: user.token,
      body: { event_types: ['*'], description: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ event_types: ['*'], description: null, url: 'http://127.0.0.1:9/x' });

    const badUrl = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: user.token,
      body: { url: 'http://10.0.0.1/x' },
    });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.code).toBe('webhook_url_not_allowed');

    const off = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { token: user.token, body: { enabled: false } });
    expect(off.body).toMatchObject({ enabled: false, disabled_reason: 'manual' });
    expect(off.body.disabled_at).not.toBeNull();
    const on = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { token: user.token, body: { enabled: true } });
    expect(on.body).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, failure_since: null });

    expect((await h.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { token: user.token })).status).toBe(204);
    expect((await h.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, { token: user.token })).status).toBe(404);
  });

  it('lets a tier without webhooks disable and describe, but not re-target, its endpoints', async () => {
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/x', event_types: ['*'] });
    await h.server.setTier(user.userId, 'tier_basic');
    const describe = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: user.token,
      body: { description: 'old', enabled: false },
    });
    expect(describe.status).toBe(200);
    const retarget = await h.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: user.token,
      body: { event_types: ['refund.issued'] },
    });
    expect(retarget.status).toBe(403);
    expect(retarget.body.code).toBe('feature_not_available');
  });
});
