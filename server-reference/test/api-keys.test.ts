import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';
import { ApiKeyService } from '../src/domain/api-keys.ts';

describe.each(DRIVERS)('API keys (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shown once, stored hashed, scoped', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const created = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'ci', scopes: ['verifications:read', 'wallet:read'] },
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const stored = await server.database.db.selectFrom('api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.split('_').pop());
    expect((await server.request('GET', `/v1/api-keys/${created.body.id}`, { token: user.token })).body.secret).toBeUndefined();

    expect((await server.request('GET', '/v1/wallet', { token: secret })).status).toBe(200);
    expect((await server.request('GET', '/v1/verifications', { token: secret })).status).toBe(200);
    const write = await server.request('POST', '/v1/verifications', { token: secret, body: { service: 'telegram', country: 'US' } });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('insufficient_scope');
    // key management is for people only
    expect((await server.request('GET', '/v1/api-keys', { token: secret })).status).toBe(403);
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(1000);
  });

  it('a key reads itself (its scopes, without the secret) whatever its scopes; an access token is refused', async () => {
    const user = await server.register();
    const created = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'mcp', scopes: ['catalog:read'] } });
    const self = await server.request('GET', '/v1/me/api-key', { token: created.body.secret });
    expect(self.status).toBe(200);
    expect(self.body).toMatchObject({ id: created.body.id, name: 'mcp', scopes: ['catalog:read'] });
    expect(self.body.secret).toBeUndefined();
    const other = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'other', scopes: ['wallet:read'] } });
    expect((await server.request('GET', '/v1/me/api-key', { token: other.body.secret })).body.id).toBe(other.body.id);
    const session = await server.request('GET', '/v1/me/api-key', { token: user.token });
    expect(session.status).toBe(403);
    expect(session.body.code).toBe('forbidden');
    expect((await server.request('GET', '/v1/me/api-key', {})).status).toBe(401);
  });

  it('rotation: both secrets work during the grace period, the old one not after it; revoke is immediate', async () => {
    const user = await server.register();
    const created = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'rot', scopes: ['wallet:read'] } });
    const rotated = await server.request('POST', `/v1/api-keys/${created.body.id}/rotate`, {
      token: user.token,
      body: { grace_period_seconds: 3600 },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.previous_secret_expires_at).not.toBeNull();
    expect((await server.request('GET', '/v1/wallet', { token: created.body.secret })).status).toBe(200);
    expect((await server.request('GET', '/v1/wallet', { token: rotated.body.secret })).status).toBe(200);
    await server.database.db
      .updateTable('api_keys')
      .set({ previous_secret_expires_at: new Date(Date.now() - 1) })
      .where('id', '=', created.body.id)
      .execute();
    const old = await server.request('GET', '/v1/wallet', { token: created.body.secret });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('invalid_api_key');
    expect((await server.request('DELETE', `/v1/api-keys/${created.body.id}`, { token: user.token })).status).toBe(204);
    expect((await server.request('GET', '/v1/wallet', { token: rotated.body.secret })).status).toBe(401);
    const again = await server.request('POST', `/v1/api-keys/${created.body.id}/rotate`, { token: user.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('api_key_inactive');
  });

  it('a sandbox server mints test keys when none is named and refuses live ones', async () => {
    const user = await server.register();
    const created = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'ci', scopes: ['wallet:read'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ environment: 'test' });
    expect(created.body.secret).toMatch(/^nmk_test_/);
    const live = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'prod', scopes: ['wallet:read'], environment: 'live' },
    });
    expect(live.status).toBe(422);
    expect(live.body.errors).toEqual([expect.objectContaining({ field: '/body/environment' })]);
    const keys = await server.request('GET', '/v1/api-keys', { token: user.token });
    expect(keys.body.data.map((k: { name: string }) => k.name)).not.toContain('prod');
  });

  it('a live server mints live keys when none is named, and test keys on request', async () => {
    const user = await server.register();
    const live = new ApiKeyService(server.database.db, 'live');
    expect((await live.create(user.userId, { name: 'prod', scopes: ['wallet:read'] })).secret).toMatch(/^nmk_live_/);
    expect((await live.create(user.userId, { name: 'ci', scopes: ['wallet:read'], environment: 'test' })).secret).toMatch(/^nmk_test_/);
  });

  it('a revoked key is gone for reads (404, was 200), listed only with include_revoked, and DELETE stays idempotent', async () => {
    const user = await server.register();
    const created = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'gone', scopes: ['wallet:read'] } });
    expect((await server.request('GET', `/v1/api-keys/${created.body.id}`, { token: user.token })).status).toBe(200);
    expect((await server.request('DELETE', `/v1/api-keys/${created.body.id}`, { token: user.token })).status).toBe(204);
    const read = await server.request('GET', `/v1/api-keys/${created.body.id}`, { token: user.token });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('not_found');
    expect((await server.request('GET', '/v1/api-keys', { token: user.token })).body.data.map((k: any) => k.id)).not.toContain(
      created.body.id,
    );
    const withRevoked = await server.request('GET', '/v1/api-keys?include_revoked=true', { token: user.token });
    expect(withRevoked.body.data.find((k: any) => k.id === created.body.id)?.revoked_at).not.toBeNull();
    expect((await server.request('DELETE', `/v1/api-keys/${created.body.id}`, { token: user.token })).status).toBe(204);
  });

  it('an expired key is refused, a past expiry is invalid input', async () => {
    const user = await server.register();
    const past = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'old', scopes: ['wallet:read'], expires_at: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    const created = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'exp', scopes: ['wallet:read'], expires_at: new Date(Date.now() + 60_000).toISOString() },
    });
    expect((await server.request('GET', '/v1/wallet', { token: created.body.secret })).status).toBe(200);
    await server.database.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', created.body.id)
      .execute();
    expect((await server.request('GET', '/v1/wallet', { token: created.body.secret })).body.code).toBe('invalid_api_key');
    const list = await server.request('GET', '/v1/api-keys', { token: user.token });
    expect(list.body.data.map((k: any) => k.id)).toContain(created.body.id);
  });
});

describe('API key scopes come from the contract', () => {
  it('every operation an API key may call names a scope of ApiKeyScope (or none: any key)', async () => {
    const { contract } = await import('./support/contract.ts');
    const { requiredScope } = await import('../src/http/middleware/authorize/authorize.ts');
    const { API_KEY_SCOPE_VALUES: apiKeyScopeValues } = await import('../src/contract/enums.ts');
    const { spec } = await contract();
    const keyed = spec.operations.filter((op) => (op.operation.security ?? []).some((r: Record<string, string[]>) => 'apiKey' in r));
    expect(keyed.length).toBeGreaterThan(40);
    const unreachable = keyed.filter((op) => {
      const s = requiredScope(op);
      return s !== null && !(apiKeyScopeValues as readonly string[]).includes(s);
    });
    expect(unreachable.map((op) => `${op.operationId} needs ${requiredScope(op)}`)).toEqual([]);
  });
});

describe.each(DRIVERS)('API keys and real time (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a key with events:read opens the real-time channel; one without it is refused', async () => {
    const user = await server.register();
    const reader = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'rt', scopes: ['events:read'] } });
    const ticket = await server.request('POST', '/v1/realtime/tickets', { token: reader.body.secret });
    expect(ticket.status).toBe(201);
    expect(ticket.body.ticket).toEqual(expect.any(String));
    const other = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'w', scopes: ['wallet:read'] } });
    const refused = await server.request('POST', '/v1/realtime/tickets', { token: other.body.secret });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_scope');
  });
});
