import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSignalledCommit, SIGNAL_ON_COMMIT } from '../../src/storage/commit-signal.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/** The in-process wake-up of the outbox (issue 13): a marked statement signals once its transaction commits. */
describe.each(DRIVERS)('commit signal (%s)', (driver) => {
  let server: TestServer;
  let signals = 0;
  let stop: () => void;
  beforeAll(async () => {
    server = await createTestServer(driver);
    stop = onSignalledCommit(() => {
      signals++;
    });
  });
  afterAll(async () => {
    stop?.();
    await server?.close();
  });
  const marked = () => sql`SELECT 1 ${sql.raw(SIGNAL_ON_COMMIT)}`;

  it('fires after COMMIT returns, not when the statement runs, and once per transaction', async () => {
    const before = signals;
    let duringTransaction = -1;
    await server.database.db.transaction().execute(async (trx) => {
      await marked().execute(trx);
      await marked().execute(trx);
      duringTransaction = signals - before;
    });
    expect(duringTransaction).toBe(0);
    expect(signals - before).toBe(1);
  });

  it('a rolled-back transaction and an unmarked commit signal nothing', async () => {
    const before = signals;
    await expect(
      server.database.db.transaction().execute(async (trx) => {
        await marked().execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await server.database.db.transaction().execute((trx) => sql`SELECT 1`.execute(trx));
    expect(signals - before).toBe(0);
  });

  it('a marked statement outside a transaction signals when it returns', async () => {
    const before = signals;
    await marked().execute(server.database.db);
    expect(signals - before).toBe(1);
  });
});
