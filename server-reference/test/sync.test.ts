import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/storage/create-database.ts';
import { encodeSyncCursor } from '../src/domain/sync/sync-cursor.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('delta sync (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const sync = (token: string, since?: string, limit?: number) =>
    server.request('GET', `/v1/sync?${new URLSearchParams({ ...(since ? { since } : {}), ...(limit ? { limit: String(limit) } : {}) })}`, {
      token,
    });

  it('full sync in pages, then only what changed since the cursor', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const a = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
    const b = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
    // 1 funding + 2 purchases + 2 verifications = 5 objects, in pages of 2
    const seen = { verifications: new Set<string>(), ledger: new Set<string>() };
    let since: string | undefined;
    for (let pages = 0; ; pages++) {
      const page = await sync(user.token, since, 2);
      expect(page.status).toBe(200);
      for (const v of page.body.verifications) seen.verifications.add(v.id);
      for (const e of page.body.ledger_entries) seen.ledger.add(e.id);
      since = page.body.next_since;
      if (!page.body.has_more) break;
      expect(pages).toBeLessThan(5);
    }
    expect([...seen.verifications].sort()).toEqual([a.body.id, b.body.id].sort());
    expect(seen.ledger.size).toBe(3);
    const nothing = await sync(user.token, since);
    expect(nothing.body).toMatchObject({ verifications: [], ledger_entries: [], has_more: false });

    await server.request('POST', `/v1/verifications/${a.body.id}/cancel`, { token: user.token });
    const delta = await sync(user.token, nothing.body.next_since);
    expect(delta.body.verifications.map((v: any) => [v.id, v.status])).toEqual([[a.body.id, 'cancelled']]);
    expect(delta.body.ledger_entries.map((e: any) => e.type)).toEqual(['refund']);
    // another user's changes never show
    const other = await server.register();
    expect((await sync(other.token)).body.verifications).toEqual([]);
  });

  it('malformed and expired cursors', async () => {
    const user = await server.register();
    expect((await sync(user.token, 'garbage')).status).toBe(422);
    const old = encodeSyncCursor({ txid: '1', seq: 1 }, new Date(Date.now() - 31 * 24 * 3600_000));
    const gone = await sync(user.token, old);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('gone');
  });

  it.runIf(driver === 'postgres')('a transaction that commits late is not skipped by a cursor handed out meanwhile', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const start = (await sync(user.token)).body.next_since;
    // a second connection opens a transaction that writes a ledger entry and stays open
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const searchPath = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(server.database.db)).rows[0]!.s;
    url.searchParams.set('options', `-c search_path=${searchPath}`);
    const slow = await createDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let wroteSlow!: () => void;
    const slowWrote = new Promise<void>((resolve) => {
      wroteSlow = resolve;
    });
    const slowTx = slow.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_current_xact_id()`.execute(trx);
      await trx
        .insertInto('ledger_entries')
        .values({
          id: `txn_slow${randomBytes(4).toString('hex')}`,
          user_id: user.userId,
          kind: 'adjustment',
          amount_cents: 1,
          balance_after_cents: 1001,
          currency: 'USD',
          reason: 'slow',
          verification_id: null,
          top_up_id: null,
        })
        .execute();
      wroteSlow();
      await held;
    });
    await slowWrote;
    // a later transaction commits first
    await server.fund(user.userId, 5);
    const during = await sync(user.token, start);
    expect(during.body.ledger_entries.map((e: any) => e.reason)).toEqual([]);
    release();
    await slowTx;
    await slow.close();
    const after = await sync(user.token, during.body.next_since);
    expect(after.body.ledger_entries.map((e: any) => e.reason).sort()).toEqual(['slow', 'test funding']);
  });
});
