import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequestLogOf } from '../src/analytics/index.ts';
import { StatementLog } from './support/statement-log.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('the read path (%s)', (driver) => {
  const statements = new StatementLog();
  let server: TestServer;
  let user: { token: string; userId: string };
  let apiKey: { id: string; secret: string };
  beforeAll(async () => {
    server = await createTestServer(driver, { plugins: [statements] });
    user = await server.register();
    await server.request('POST', '/v1/security/ip-allowlist', { token: user.token, body: { cidr: '127.0.0.0/8' } });
    const created = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'reads', scopes: ['wallet:read', 'verifications:read'] },
    });
    apiKey = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    statements.kinds = [];
  });

  it.each([
    ['session', '/v1/wallet'],
    ['session', '/v1/verifications?limit=10'],
    ['API key', '/v1/wallet'],
    ['API key', '/v1/verifications?limit=10'],
  ])(
    'an authenticated read with a %s (%s) makes two queries, one while its principal is cached, and writes nothing',
    async (credential, path) => {
      const token = credential === 'session' ? user.token : apiKey.secret;
      // any committed write to a principal table empties the cache (even one that changes no row)
      await server.database.db.updateTable('tiers').set({ updated_at: new Date() }).where('id', '=', 'no-such-tier').execute();
      // the request log's batch of earlier requests is written now, not by a timer in the middle of these
      await apiRequestLogOf(server.services.db).flush();
      statements.kinds = [];
      expect((await server.request('GET', path, { token })).status).toBe(200);
      expect(statements.kinds).toEqual(['SelectQueryNode', 'SelectQueryNode']);
      statements.kinds = [];
      expect((await server.request('GET', path, { token })).status).toBe(200);
      expect(statements.kinds).toEqual(['SelectQueryNode']);
    },
  );

  it('the account IP allowlist still applies to both credentials (read with the principal)', async () => {
    const other = await server.register();
    await server.database.db
      .insertInto('ip_allowlist_entries')
      .values({ id: `ipa_${other.userId}`, user_id: other.userId, cidr: '203.0.113.0/24', label: null })
      .execute();
    const res = await server.request('GET', '/v1/wallet', { token: other.token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ip_not_allowed');
  });

  it("an API key's last use is written by the usage flush, not by the request", async () => {
    const fresh = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'stamp', scopes: ['wallet:read'] } });
    expect((await server.request('GET', '/v1/wallet', { token: fresh.body.secret })).status).toBe(200);
    const stamp = () =>
      server.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', fresh.body.id).executeTakeFirstOrThrow();
    expect(server.services.apiKeys.usage.pending).toBeGreaterThan(0);
    expect((await stamp()).last_used_at).toBeNull();
    await server.services.apiKeys.flushUsage();
    expect((await stamp()).last_used_at).toBeInstanceOf(Date);
    expect(server.services.apiKeys.usage.pending).toBe(0);
  });
});
