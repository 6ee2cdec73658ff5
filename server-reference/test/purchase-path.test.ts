import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

/** Counts the statements the app executes (a result per statement; building a subquery is not one). */
class ExecutedStatements implements KyselyPlugin {
  kinds: string[] = [];
  #pending = new WeakMap<object, string>();
  transformQuery({ node, queryId }: { node: RootOperationNode; queryId: object }): RootOperationNode {
    this.#pending.set(queryId, node.kind);
    return node;
  }
  async transformResult({ result, queryId }: { result: QueryResult<UnknownRow>; queryId: object }): Promise<QueryResult<UnknownRow>> {
    this.kinds.push(this.#pending.get(queryId) ?? 'unknown');
    return result;
  }
}

/**
 * The purchase path (issue 13): how many statements a purchase costs, and the shapes that made it
 * cheaper keeping their promises (a replay found by the insert itself, never charged twice).
 */
describe.each(DRIVERS)('the purchase path (%s)', (driver) => {
  const statements = new ExecutedStatements();
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { plugins: [statements] });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    statements.kinds = [];
  });

  const buy = (token: string, key: string, body: Record<string, unknown> = { service: 'whatsapp', country: 'US' }) =>
    server.request('POST', '/v1/verifications', { token, body, headers: { 'Idempotency-Key': key } });

  it('a funded purchase makes at most 11 statements (it made 20; the 11th counts against the tier cap), and a replay 2', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    statements.kinds = [];
    const bought = await buy(user.token, 'count-1');
    expect(bought.status).toBe(201);
    // auth, idempotency claim, pricing; insert + debit + events + the tier's active-verification count (it
    // must run after the debit's wallet lock, so it cannot share a statement); number + event + buffered
    // SMS; idempotency completion
    expect(statements.kinds.length, statements.kinds.join(', ')).toBeLessThanOrEqual(11);
    statements.kinds = [];
    const replayed = await buy(user.token, 'count-1');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    // auth, and the idempotency claim that finds the stored response
    expect(statements.kinds.length, statements.kinds.join(', ')).toBeLessThanOrEqual(2);
  });

  it('a retry the idempotency layer no longer remembers replays the verification it created, charged once', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    const first = await buy(user.token, 'forgotten');
    expect(first.status).toBe(201);
    await server.database.db.deleteFrom('idempotency_keys').where('scope', '=', user.userId).execute();
    const again = await buy(user.token, 'forgotten');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const reconciled = await server.services.wallet.reconcile(user.userId);
    expect(reconciled).toEqual({ balance: 10_000 - first.body.price.amount, ledgerSum: 10_000 - first.body.price.amount, entries: 2 });
  });

  it('such a retry replays even when the price has since risen above its max_price', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    const body = { service: 'telegram', country: 'US', max_price: 5_000 };
    const first = await buy(user.token, 'repriced', body);
    expect(first.status).toBe(201);
    await server.database.db.deleteFrom('idempotency_keys').where('scope', '=', user.userId).execute();
    await server.database.db
      .insertInto('price_overrides')
      .values({
        id: 'ovr_repriced',
        service: 'telegram',
        country: 'US',
        tier_id: null,
        mode: 'fixed_price',
        price_cents: 9_000,
        markup_bps: null,
        created_by: user.userId,
      })
      .execute();
    try {
      const fresh = await buy(user.token, 'repriced-new', body);
      expect(fresh.status).toBe(422);
      const again = await buy(user.token, 'repriced', body);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(10_000 - first.body.price.amount);
    } finally {
      await server.database.db.deleteFrom('price_overrides').where('id', '=', 'ovr_repriced').execute();
    }
  });

  it('10 concurrent purchases with one key straight into the domain: one verification, one charge, 9 replays', async () => {
    const registered = await server.register();
    await server.fund(registered.userId, 10_000);
    const { db } = server.database;
    const user = await db.selectFrom('users').selectAll().where('id', '=', registered.userId).executeTakeFirstOrThrow();
    const tier = await db.selectFrom('tiers').selectAll().where('id', '=', user.tier_id).executeTakeFirstOrThrow();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.services.verifications.create(user, tier, { service: 'google', country: 'US' }, 'domain-key'),
      ),
    );
    expect(new Set(results.map((r) => r.verification.id)).size).toBe(1);
    expect(results.filter((r) => r.replayed)).toHaveLength(9);
    const reconciled = await server.services.wallet.reconcile(user.id);
    expect(reconciled.entries).toBe(2);
    expect(reconciled.balance).toBe(10_000 - results[0]!.verification.price_cents);
    expect(reconciled.ledgerSum).toBe(reconciled.balance);
  });
});
