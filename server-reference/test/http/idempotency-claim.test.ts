import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/http/middleware/idempotency/idempotency-store.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/** Every outcome of the one-statement idempotency claim (issue 13), against the real database. */
describe.each(DRIVERS)('the idempotency claim (%s)', (driver) => {
  let server: TestServer;
  let store: IdempotencyStore;
  beforeAll(async () => {
    server = await createTestServer(driver);
    store = new IdempotencyStore(server.database.db, 60);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('claims a new key once; the same key is then in progress, or a mismatch with another body', async () => {
    expect(await store.claim('scope-a', 'k1', 'hash-1')).toEqual({ kind: 'claimed' });
    expect(await store.claim('scope-a', 'k1', 'hash-1')).toEqual({ kind: 'in_progress' });
    expect(await store.claim('scope-a', 'k1', 'hash-2')).toEqual({ kind: 'mismatch' });
    // keys are per scope
    expect(await store.claim('scope-b', 'k1', 'hash-2')).toEqual({ kind: 'claimed' });
  });

  it('replays a completed response, and a released claim can be claimed again', async () => {
    expect(await store.claim('scope-a', 'k2', 'hash-1')).toEqual({ kind: 'claimed' });
    await store.complete('scope-a', 'k2', { status: 201, headers: { location: '/v1/x' }, body: '{"id":"x"}' });
    expect(await store.claim('scope-a', 'k2', 'hash-1')).toEqual({
      kind: 'completed',
      response: { status: 201, headers: { location: '/v1/x' }, body: '{"id":"x"}' },
    });
    expect(await store.claim('scope-a', 'k3', 'hash-1')).toEqual({ kind: 'claimed' });
    await store.release('scope-a', 'k3');
    expect(await store.claim('scope-a', 'k3', 'hash-1')).toEqual({ kind: 'claimed' });
  });

  it('takes over a claim whose lock ran out, once, and only for the same body', async () => {
    expect(await store.claim('scope-a', 'k4', 'hash-1')).toEqual({ kind: 'claimed' });
    await server.database.db
      .updateTable('idempotency_keys')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key', '=', 'k4')
      .execute();
    expect(await store.claim('scope-a', 'k4', 'hash-2')).toEqual({ kind: 'mismatch' });
    const racing = await Promise.all([store.claim('scope-a', 'k4', 'hash-1'), store.claim('scope-a', 'k4', 'hash-1')]);
    expect(racing.map((r) => r.kind).sort()).toEqual(['claimed', 'in_progress']);
  });
});
