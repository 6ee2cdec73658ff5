import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from '../../../server-reference/test/realtime/support/ws-client.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);

type Reply =
  | { type: 'ready'; wsUrl: string; tokens: string[] }
  | { type: 'memory'; heap: number; external: number; rss: number; connections: number };

/**
 * Memory per idle connection: the server runs in its own process (so the clients' memory is not
 * counted); it reports its heap + external memory after a GC before and after CONNECTIONS authenticated,
 * subscribed, idle WebSockets (spread over users, 5 per user).
 */
export async function benchIdleMemory(): Promise<Record<string, number | string>> {
  const child = fork(fileURLToPath(new URL('./idle-memory-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_USERS: String(Math.ceil(CONNECTIONS / 5)) },
  });
  const replies: Reply[] = [];
  const next = () =>
    new Promise<Reply>((resolve) => {
      if (replies.length) return resolve(replies.shift()!);
      child.once('message', (m) => resolve(m as Reply));
    });
  const ready = (await next()) as Extract<Reply, { type: 'ready' }>;
  child.send('measure');
  const before = (await next()) as Extract<Reply, { type: 'memory' }>;
  const sockets: WebSocket[] = [];
  for (let start = 0; start < CONNECTIONS; start += 500) {
    const batch = Array.from(
      { length: Math.min(500, CONNECTIONS - start) },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(ready.wsUrl, { perMessageDeflate: false });
          ws.on('open', () => {
            ws.send(JSON.stringify({ type: 'auth', access_token: ready.tokens[Math.floor((start + i) / 5)] }));
            ws.send(JSON.stringify({ type: 'subscribe' }));
          });
          ws.once('message', () => resolve(ws));
          ws.on('error', reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  child.send('measure');
  const after = (await next()) as Extract<Reply, { type: 'memory' }>;
  for (const ws of sockets) ws.terminate();
  child.kill('SIGTERM');
  const perHeap = (after.heap + after.external - before.heap - before.external) / CONNECTIONS;
  const perRss = (after.rss - before.rss) / CONNECTIONS;
  return {
    connections: after.connections,
    heap_plus_external_kb_per_connection: Number((perHeap / 1024).toFixed(2)),
    rss_kb_per_connection: Number((perRss / 1024).toFixed(2)),
  };
}
