import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import type { Database } from '../../src/storage/database-schema.ts';
import { type FallbackReason, ReadRouting } from '../../src/storage/read-replica/index.ts';
import type { ReplicaLag } from '../../src/storage/read-replica/replica-lag.ts';

/** Which database answered: each one holds its own name. */
const whoAnswers = async (reader: Kysely<Database>) =>
  (await sql<{ name: string }>`SELECT name FROM which_database`.execute(reader)).rows[0]?.name;

describe('read routing between the primary and the read replica', () => {
  let primary: DatabaseHandle;
  let replica: DatabaseHandle;
  beforeAll(async () => {
    [primary, replica] = await Promise.all([
      createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteWorker: false }),
      createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteWorker: false }),
    ]);
    for (const [handle, name] of [
      [primary, 'primary'],
      [replica, 'replica'],
    ] as const) {
      await sql`CREATE TABLE which_database (name text)`.execute(handle.db);
      await sql`INSERT INTO which_database VALUES (${name})`.execute(handle.db);
    }
  });
  afterAll(async () => {
    await Promise.all([primary?.close(), replica?.close()]);
  });

  /** A router whose measured lag is `lag` (or a failure), counting measurements and fallbacks. */
  const routing = (lag: ReplicaLag | Error, options: { recheckMs?: number; withReplica?: boolean } = {}) => {
    const fallbacks: FallbackReason[] = [];
    let measurements = 0;
    const router = new ReadRouting({
      primary: primary.db,
      replica: options.withReplica === false ? null : replica.db,
      maxLagSeconds: 30,
      onFallback: (reason) => fallbacks.push(reason),
      measure: async () => {
        measurements++;
        if (lag instanceof Error) throw lag;
        return lag;
      },
      recheckMs: options.recheckMs,
    });
    return { router, fallbacks, measurements: () => measurements };
  };

  it('reads from the replica while it is within the lag bound', async () => {
    const { router, fallbacks } = routing({ seconds: 2.5, bytes: 4096 });
    expect(await router.analytics(whoAnswers)).toBe('replica');
    expect(await router.state()).toEqual({ status: 'ok', lagSeconds: 2.5, lagBytes: 4096 });
    expect(fallbacks).toEqual([]);
  });

  it('reads from the primary, counted, when the replica lags beyond the bound', async () => {
    const { router, fallbacks } = routing({ seconds: 31, bytes: 9_000_000 });
    expect(await router.analytics(whoAnswers)).toBe('primary');
    expect((await router.state()).status).toBe('degraded');
    expect(fallbacks).toEqual(['lagging']);
  });

  it('reads from the primary, counted, when the replica cannot be measured', async () => {
    const { router, fallbacks } = routing(new Error('connect ECONNREFUSED 127.0.0.1:5433'));
    expect(await router.analytics(whoAnswers)).toBe('primary');
    expect(await router.state()).toEqual({ status: 'down', lagSeconds: null, lagBytes: null });
    expect(fallbacks).toEqual(['down']);
  });

  it('counts a replica that does not answer within the timeout as down', async () => {
    const router = new ReadRouting({
      primary: primary.db,
      replica: replica.db,
      maxLagSeconds: 30,
      measure: () => new Promise<ReplicaLag>(() => undefined),
      timeoutMs: 50,
    });
    expect(await router.analytics(whoAnswers)).toBe('primary');
    expect((await router.state()).status).toBe('down');
  });

  it('runs work that failed on the replica again on the primary, and stays there until the next check', async () => {
    const { router, fallbacks } = routing({ seconds: 0, bytes: 0 }, { recheckMs: 60_000 });
    const tried: string[] = [];
    const flaky = async (reader: Kysely<Database>) => {
      const name = (await whoAnswers(reader)) ?? '';
      tried.push(name);
      if (name === 'replica') throw new Error('canceling statement due to conflict with recovery');
      return name;
    };
    expect(await router.analytics(flaky)).toBe('primary');
    expect(tried).toEqual(['replica', 'primary']);
    expect(await router.analytics(whoAnswers)).toBe('primary');
    expect(fallbacks).toEqual(['down', 'down']);
  });

  it('answers a problem as it is, without a second run', async () => {
    const { router, fallbacks } = routing({ seconds: 0, bytes: 0 });
    let runs = 0;
    const refused = async () => {
      runs++;
      throw new ApiError('validation_failed', 'bad range');
    };
    await expect(router.analytics(refused)).rejects.toBeInstanceOf(ApiError);
    expect(runs).toBe(1);
    expect(fallbacks).toEqual([]);
  });

  it('measures once for a burst of reads', async () => {
    const { router, measurements } = routing({ seconds: 0, bytes: 0 }, { recheckMs: 60_000 });
    await Promise.all(Array.from({ length: 5 }, () => router.analytics(whoAnswers)));
    expect(measurements()).toBe(1);
  });

  it('reads from the primary, not counted, when no replica is configured', async () => {
    const { router, fallbacks, measurements } = routing({ seconds: 0, bytes: 0 }, { withReplica: false });
    expect(await router.analytics(whoAnswers)).toBe('primary');
    expect((await router.state()).status).toBe('not_configured');
    expect(fallbacks).toEqual([]);
    expect(measurements()).toBe(0);
  });
});
