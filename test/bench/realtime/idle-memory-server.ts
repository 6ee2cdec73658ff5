import { startBenchNode } from './bench-node.ts';

/** The server side of the idle-memory benchmark (a child process; talks over IPC). */
const bench = await startBenchNode();
const users = await bench.users(Number(process.env.BENCH_USERS ?? 2000));
process.send!({ type: 'ready', wsUrl: bench.node.wsUrl, tokens: users.map((u) => u.token) });
process.on('message', async () => {
  for (let i = 0; i < 3; i++) {
    (globalThis as any).gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  const memory = process.memoryUsage();
  process.send!({
    type: 'memory',
    heap: memory.heapUsed,
    external: memory.external,
    rss: memory.rss,
    connections: bench.node.ws.connections,
  });
});
process.on('SIGTERM', () => process.exit(0));
