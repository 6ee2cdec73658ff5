/**
 * PGlite on the main thread against PGlite in a worker thread (printed, never asserted), in one process
 * and one run: the same statements, alternated mode by mode so both see the same machine. For each mode,
 * statements/s with 1 caller and with 20 concurrent callers through Kysely (the server's path), and the
 * main thread's event-loop utilisation meanwhile (the share of the loop that HTTP cannot use). The
 * in-process mode is the baseline; the ratio is worker / in-process.
 *
 *   pnpm --filter @namaskah/test bench:pglite      (BENCH_SECONDS per measurement, default 2)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = 2;

async function measure(pgliteWorker: boolean, callers: number) {
  const { db, close } = await createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteWorker });
  try {
    await sql`create table wallets (user_id text primary key, balance_cents int8 not null, updated_at timestamptz not null default now())`.execute(
      db,
    );
    await sql`insert into wallets (user_id, balance_cents) select 'usr_' || i, i * 100 from generate_series(1, 1000) i`.execute(db);
    // a wallet-like read: one row by primary key, an int8 and a timestamp in it
    const read = (i: number) =>
      sql`select user_id, balance_cents, updated_at from wallets where user_id = ${`usr_${(i % 1000) + 1}`}`.execute(db);
    for (let i = 0; i < 500; i++) await read(i); // warm-up
    const end = performance.now() + SECONDS * 1000;
    const loopBefore = performance.eventLoopUtilization();
    let done = 0;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < end) await read(done++);
      }),
    );
    const loop = performance.eventLoopUtilization(loopBefore);
    return { perSecond: done / SECONDS, loop: loop.utilization };
  } finally {
    await close();
  }
}

for (const callers of [1, 20]) {
  const figures = { inProcess: [] as Array<{ perSecond: number; loop: number }>, worker: [] as Array<{ perSecond: number; loop: number }> };
  for (let round = 0; round < ROUNDS; round++) {
    figures.inProcess.push(await measure(false, callers));
    figures.worker.push(await measure(true, callers));
  }
  const mean = (list: Array<{ perSecond: number; loop: number }>, key: 'perSecond' | 'loop') =>
    list.reduce((sum, f) => sum + f[key], 0) / list.length;
  const base = mean(figures.inProcess, 'perSecond');
  const worker = mean(figures.worker, 'perSecond');
  console.log(
    `pglite bench, ${callers} caller${callers > 1 ? 's' : ''} (${ROUNDS} rounds of ${SECONDS} s each): in process ${base.toFixed(0)} reads/s, main loop ${(100 * mean(figures.inProcess, 'loop')).toFixed(0)} % busy; ` +
      `worker thread ${worker.toFixed(0)} reads/s = ${(worker / base).toFixed(2)}x, main loop ${(100 * mean(figures.worker, 'loop')).toFixed(0)} % busy`,
  );
}
process.exit(0);
