/**
 * Real-time benchmarks (printed, never asserted): commit-to-client latency with 1,000 clients at
 * 500 events/s, and memory per idle connection at 10,000 connections. Loopback only, under 2 minutes.
 * Run: pnpm --filter @namaskah/server bench:realtime   (BENCH_DATABASE_URL=postgres://... for PostgreSQL)
 */
import { benchIdleMemory } from './idle-memory.ts';
import { benchLatency } from './latency.ts';

const started = Date.now();
console.log('realtime latency (target p99 < 20 ms):', await benchLatency());
console.log('realtime idle memory (target < 40 KB per connection):', await benchIdleMemory());
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(0);
