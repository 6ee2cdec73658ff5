/**
 * The clients of the latency benchmark, in a process of their own so the server's event loop pays only
 * for the server: opens one authenticated, subscribed WebSocket per token, then notes when each event
 * arrives on the machine-wide clock (`performance.timeOrigin + performance.now()`, comparable across
 * processes), and hands the arrival times so far back over IPC when asked; the parent kills it at the end.
 */
import { WebSocket } from '../../../server-reference/test/realtime/support/ws-client.ts';

const now = () => performance.timeOrigin + performance.now();
const arrivals: Array<[string, number]> = [];

process.on('message', async (message: { type: 'connect'; wsUrl: string; tokens: string[] } | { type: 'collect' }) => {
  if (message.type === 'connect') {
    const opened = message.tokens.map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(message.wsUrl);
          ws.on('open', () => {
            ws.send(JSON.stringify({ type: 'auth', access_token: token }));
            ws.send(JSON.stringify({ type: 'subscribe' }));
          });
          ws.on('message', (data) => {
            const at = now();
            const parsed = JSON.parse(data.toString());
            if (parsed.type === 'ready') resolve();
            else if (parsed.id) arrivals.push([parsed.id, at]);
          });
          ws.on('error', reject);
        }),
    );
    await Promise.all(opened);
    process.send!({ type: 'ready' });
  } else {
    process.send!({ type: 'arrivals', arrivals });
  }
});
