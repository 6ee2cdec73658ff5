/**
 * Real-time benchmarks (printed, never asserted): commit-to-client latency with 1,000 clients at
 * 500 events/s on PGlite and PostgreSQL and at 2,000 events/s on PostgreSQL, and memory per idle
 * connection at 10,000 connections. Loopback only, under 3 minutes.
 * Run: pnpm --filter @namaskah/server bench:realtime   (BENCH_DATABASE_URL=postgres://... adds the PostgreSQL runs;
 * BENCH_IDLE_MEMORY=false skips the memory run)
 */
import { benchIdleMemory } from './idle-memory.ts';
import { benchLatency } from './latency.ts';

const started = Date.now();
const postgres = process.env.BENCH_DATABASE_URL || null;
console.log('realtime latency, PGlite, 500 events/s (target p99 < 20 ms):', await benchLatency({ rate: 500, databaseUrl: null }));
if (postgres) {
  console.log('realtime latency, PostgreSQL, 500 events/s (target p99 < 20 ms):', await benchLatency({ rate: 500, databaseUrl: postgres }));
  console.log(
    'realtime latency, PostgreSQL, 2,000 events/s (target p99 < 50 ms):',
    await benchLatency({ rate: 2000, databaseUrl: postgres }),
  );
}
if (process.env.BENCH_IDLE_MEMORY !== 'false') {
  console.log('realtime idle memory (target < 40 KB per connection):', await benchIdleMemory());
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(0);
