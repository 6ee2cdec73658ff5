import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalLookup } from '../src/domain/principal-lookup.ts';
import { registerWithRole } from './admin/staff-accounts.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

const TTL_MS = 400;

/**
 * The principal cache (PRINCIPAL_CACHE_TTL_MS): a change made through this node applies to the very next
 * request, one made by another node within the TTL, and a lookup a commit overtook is not kept.
 */
describe.each(DRIVERS)('the principal cache (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { config: { principalCacheTtlMs: TTL_MS } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const wallet = (token: string) => server.request('GET', '/v1/wallet', { token });
  const newKey = async (token: string) =>
    (await server.request('POST', '/v1/api-keys', { token, body: { name: 'cached', scopes: ['wallet:read'] } })).body as {
      id: string;
      secret: string;
    };

  it('a logout, a revoked key and a suspension apply to the next request although the principal was cached', async () => {
    const user = await server.register();
    const key = await newKey(user.token);
    expect((await wallet(user.token)).status).toBe(200);
    expect((await wallet(key.secret)).status).toBe(200);
    expect((await server.request('DELETE', `/v1/api-keys/${key.id}`, { token: user.token })).status).toBe(204);
    expect((await wallet(key.secret)).body.code).toBe('invalid_api_key');
    expect((await server.request('POST', '/v1/auth/logout', { token: user.token })).status).toBe(204);
    expect((await wallet(user.token)).status).toBe(401);

    const admin = await registerWithRole(server, 'admin');
    const target = await server.register();
    const targetKey = await newKey(target.token);
    expect((await wallet(targetKey.secret)).status).toBe(200);
    const suspended = await server.request('POST', `/v1/admin/users/${target.userId}/suspend`, {
      token: admin.token,
      body: { reason: 'Cached principal test' },
      headers: { 'Idempotency-Key': `susp-${target.userId}` },
    });
    expect(suspended.status).toBe(200);
    expect((await wallet(targetKey.secret)).body.code).toBe('account_suspended');
  });

  it("a tier's new rate limit shows in the next response's RateLimit-Limit", async () => {
    const user = await server.register();
    const before = await wallet(user.token);
    const { db } = server.database;
    const { tier_id } = await db.selectFrom('users').select('tier_id').where('id', '=', user.userId).executeTakeFirstOrThrow();
    const { rate_limit_per_minute } = await db
      .selectFrom('tiers')
      .select('rate_limit_per_minute')
      .where('id', '=', tier_id)
      .executeTakeFirstOrThrow();
    expect(before.headers.get('ratelimit-limit')).toBe(String(rate_limit_per_minute));
    await db
      .updateTable('tiers')
      .set({ rate_limit_per_minute: rate_limit_per_minute + 7 })
      .where('id', '=', tier_id)
      .execute();
    try {
      expect((await wallet(user.token)).headers.get('ratelimit-limit')).toBe(String(rate_limit_per_minute + 7));
    } finally {
      await db.updateTable('tiers').set({ rate_limit_per_minute }).where('id', '=', tier_id).execute();
    }
  });

  it('a lookup that read the rows before a commit is not served after it', async () => {
    const user = await server.register();
    const { sessionId } = await server.services.tokens.verify(user.token);
    const lookup = new PrincipalLookup(server.database.db, { cacheTtlMs: 60_000 });
    expect((await lookup.session(sessionId, user.userId))?.user.name).not.toBe('Renamed');
    let during: Promise<unknown> = Promise.resolve();
    await server.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ name: 'Renamed' }).where('id', '=', user.userId).execute();
      // PostgreSQL: another connection reads the committed (old) row while the rename is uncommitted
      during = lookup.session(sessionId, user.userId);
      if (driver === 'postgres') expect(((await during) as { user: { name: string } }).user.name).not.toBe('Renamed');
    });
    await during;
    expect((await lookup.session(sessionId, user.userId))?.user.name).toBe('Renamed');
  });

  it.runIf(driver === 'postgres')(`a key revoked by another node stops working within the TTL (${TTL_MS} ms)`, async () => {
    const user = await server.register();
    const key = await newKey(user.token);
    expect((await wallet(key.secret)).status).toBe(200);
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(server.database.db);
    // another node: a connection of its own, which this process's commit signal does not see
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    const revokedAt = Date.now();
    try {
      await other.query(`update ${other.escapeIdentifier(rows[0]!.schema)}.api_keys set revoked_at = now() where id = $1`, [key.id]);
    } finally {
      await other.end();
    }
    await new Promise((resolve) => setTimeout(resolve, TTL_MS - (Date.now() - revokedAt) + 50));
    expect((await wallet(key.secret)).body.code).toBe('invalid_api_key');
  });
});
