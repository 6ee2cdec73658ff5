import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureServerErrors, effectivePricing, priceWithRules } from '../../src/admin/index.ts';
import type { AppEnv } from '../../src/http/app-env.ts';
import { problemHandler } from '../../src/http/middleware/problem-handler/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { registerWithRole } from './staff-accounts.ts';

describe.each(DRIVERS)('admin platform (%s)', (driver) => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof registerWithRole>>;
  let support: Awaited<ReturnType<typeof registerWithRole>>;
  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await registerWithRole(server, 'admin');
    support = await registerWithRole(server, 'support');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports system health with each dependency', async () => {
    const res = await server.request('GET', '/v1/admin/health', { token: support.token });
    expect(res.status).toBe(200);
    expect(res.body.checks.database.status).toBe('ok');
    expect(res.body.checks.redis.status).toBe('not_configured');
    expect(res.body.checks.providers.map((p: any) => p.slug)).toEqual(['simulator']);
    expect(['ok', 'degraded']).toContain(res.body.status);
  });

  it('pricing changes and overrides take effect at once and are audited', async () => {
    const defaults = { markupBps: server.services.config.markupBps, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 };
    const key = { tierId: 'tier_pro', service: 'whatsapp', country: 'US' };
    const updated = await server.request('PATCH', '/v1/admin/pricing', {
      token: admin.token,
      body: { default_markup_bps: 20000, surcharges: { area_code: { amount: 70, currency: 'USD' } } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      default_markup_bps: 20000,
      updated_by: admin.userId,
      surcharges: { area_code: { amount: 70 }, carrier: { amount: 25 } },
    });
    expect(updated.body.tier_discounts.find((t: any) => t.tier_id === 'tier_pro').discount_bps).toBe(1000);
    let rules = await effectivePricing(server.database.db, defaults, key);
    expect(priceWithRules(100, rules, { areaCode: true, carrier: false })).toMatchObject({
      basePriceCents: 200,
      tierDiscountCents: 20,
      priceCents: 250,
    });
    const bad = await server.request('PATCH', '/v1/admin/pricing', {
      token: admin.token,
      body: { surcharges: { carrier: { amount: 10, currency: 'EUR' } } },
    });
    expect(bad.status).toBe(422);

    const fixed = await server.request('POST', '/v1/admin/pricing/overrides', {
      token: admin.token,
      body: { mode: 'fixed_price', service: 'whatsapp', country: 'US', price: { amount: 999, currency: 'USD' } },
    });
    expect(fixed.status).toBe(201);
    const tierMarkup = await server.request('POST', '/v1/admin/pricing/overrides', {
      token: admin.token,
      body: { mode: 'markup', service: 'whatsapp', country: 'US', tier_id: 'tier_pro', markup_bps: 12000 },
    });
    expect(tierMarkup.status).toBe(201);
    const duplicate = await server.request('POST', '/v1/admin/pricing/overrides', {
      token: admin.token,
      body: { mode: 'markup', service: 'whatsapp', country: 'US', tier_id: 'tier_pro', markup_bps: 13000 },
    });
    expect(duplicate.body.code).toBe('price_override_exists');
    rules = await effectivePricing(server.database.db, defaults, key);
    expect(rules).toMatchObject({ markupBps: 12000, fixedPriceCents: null, overrideId: tierMarkup.body.id });
    const basic = await effectivePricing(server.database.db, defaults, { ...key, tierId: 'tier_basic' });
    expect(priceWithRules(100, basic, { areaCode: false, carrier: false }).priceCents).toBe(999);
    const deleted = await server.request('DELETE', `/v1/admin/pricing/overrides/${tierMarkup.body.id}`, { token: admin.token });
    expect(deleted.status).toBe(204);
    expect((await effectivePricing(server.database.db, defaults, key)).fixedPriceCents).toBe(999);
    const audit = await server.request('GET', '/v1/admin/audit-log?action=price_override.*', { token: support.token });
    expect(audit.body.data.map((e: any) => e.action)).toEqual([
      'price_override.deleted',
      'price_override.created',
      'price_override.created',
    ]);
  });

  it('a tier discount change shows in pricing and is audited with before and after', async () => {
    const res = await server.request('PATCH', '/v1/admin/tiers/tier_enterprise', { token: admin.token, body: { discount_bps: 2550 } });
    expect(res.body.discount_bps).toBe(2550);
    const pricing = await server.request('GET', '/v1/admin/pricing', { token: support.token });
    expect(pricing.body.tier_discounts.find((t: any) => t.tier_id === 'tier_enterprise').discount_bps).toBe(2550);
    const tiers = await server.request('GET', '/v1/admin/tiers', { token: support.token });
    expect(tiers.body.data.map((t: any) => t.discount_bps)).toEqual(
      [...tiers.body.data.map((t: any) => t.discount_bps)].sort((a, b) => a - b),
    );
    const empty = await server.request('PATCH', '/v1/admin/tiers/tier_enterprise', { token: admin.token, body: {} });
    expect(empty.status).toBe(422);
  });

  it('disabling a provider goes through the registry routing and is audited', async () => {
    const list = await server.request('GET', '/v1/admin/providers', { token: support.token });
    expect(list.body.data[0]).toMatchObject({ slug: 'simulator', enabled: true, priority: 1, balance: null });
    const off = await server.request('PATCH', '/v1/admin/providers/simulator', {
      token: admin.token,
      body: { enabled: false, priority: 5 },
    });
    expect(off.body).toMatchObject({ enabled: false, priority: 5 });
    expect(server.services.providers.routing('simulator')).toMatchObject({ enabled: false, priority: 5 });
    const back = await server.request('PATCH', `/v1/admin/providers/${off.body.id}`, { token: admin.token, body: { enabled: true } });
    expect(back.body.enabled).toBe(true);
    expect(server.services.providers.routing('simulator').enabled).toBe(true);
  });

  it('publishes an announcement to active accounts of the audience through the outbox', async () => {
    const member = await server.register();
    const before = await server.database.db.selectFrom('users').select('id').where('status', '=', 'active').execute();
    const res = await server.request('POST', '/v1/admin/announcements', {
      token: admin.token,
      body: { title: 'Maintenance', body: 'Short pause tonight.', severity: 'warning' },
    });
    expect(res.status).toBe(201);
    const events = await server.database.db.selectFrom('events').select(['user_id']).where('type', '=', 'announcement.published').execute();
    expect(events.map((e) => e.user_id).sort()).toEqual(before.map((u) => u.id).sort());
    expect(events.map((e) => e.user_id)).toContain(member.userId);
    const past = await server.request('POST', '/v1/admin/announcements', {
      token: admin.token,
      body: { title: 'Old', body: 'x', severity: 'info', expires_at: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    const unknownTier = await server.request('POST', '/v1/admin/announcements', {
      token: admin.token,
      body: { title: 'T', body: 'x', severity: 'info', audience: 'tier:tier_nope' },
    });
    expect(unknownTier.status).toBe(422);
    const listed = await server.request('GET', '/v1/admin/announcements?active=true', { token: support.token });
    expect(listed.body.data.map((a: any) => a.id)).toEqual([res.body.id]);
  });

  it('captures 5xx answers with their request id; support sees no stack', async () => {
    const app = new Hono<AppEnv>();
    app.onError(problemHandler);
    app.use('*', async (c, next) => {
      c.set('services', server.services);
      c.set('requestId', 'req_01TESTCAPTURE');
      c.set('principal', null);
      await next();
    });
    app.use('*', captureServerErrors());
    app.get('/v1/boom', () => {
      throw new Error('database exploded');
    });
    app.get('/v1/fine', (c) => c.json({ ok: true }));
    expect((await app.request('/v1/boom')).status).toBe(500);
    expect((await app.request('/v1/fine')).status).toBe(200);
    const asAdmin = await server.request('GET', '/v1/admin/errors?path=/v1/boom', { token: admin.token });
    expect(asAdmin.body.data).toHaveLength(1);
    expect(asAdmin.body.data[0]).toMatchObject({
      request_id: 'req_01TESTCAPTURE',
      status: 500,
      code: 'internal_error',
      message: 'database exploded',
      method: 'GET',
    });
    expect(asAdmin.body.data[0].stack).toContain('database exploded');
    const asSupport = await server.request('GET', '/v1/admin/errors', { token: support.token });
    expect(asSupport.body.data[0].stack).toBeNull();
  });
});
