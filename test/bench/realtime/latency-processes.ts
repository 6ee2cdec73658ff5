import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the writer process answers: when each event's COMMIT returned (machine-wide clock), and how long the offer took. */
export interface Appended {
  committed: Array<[string, number]>;
  offeredSeconds: number;
}

const script = (file: string) => fork(fileURLToPath(new URL(file, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });

/** The child's next message of `type`. */
function reply<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
  });
}

/** The writers on PostgreSQL in a process of their own (latency-appender.ts), waking the nodes by NOTIFY. */
export function appendInOwnProcess(job: { databaseUrl: string; userIds: string[]; rate: number; seconds: number }): Promise<Appended> {
  return new Promise<Appended>((resolve, reject) => {
    const writer = script('./latency-appender.ts');
    writer.once('message', (result) => resolve(result as Appended));
    writer.once('exit', (code) => reject(new Error(`the writer exited with ${code} before answering`)));
    writer.send(job);
  });
}

/**
 * The benchmark's WebSocket clients in a process of their own (latency-clients.ts), connected and subscribed:
 * `latencies` gives commit -> arrival of the committed events, waiting until all arrived or `waitMs` passed.
 */
export async function connectClients(wsUrl: string, tokens: string[]) {
  const clients = script('./latency-clients.ts');
  const ready = reply(clients, 'ready');
  clients.send({ type: 'connect', wsUrl, tokens });
  await ready;
  return {
    async latencies(committed: Array<[string, number]>, waitMs: number): Promise<number[]> {
      const committedAt = new Map(committed);
      const deadline = Date.now() + waitMs;
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        const collected = reply<{ arrivals: Array<[string, number]> }>(clients, 'arrivals');
        clients.send({ type: 'collect' });
        const latencies = (await collected).arrivals.filter(([id]) => committedAt.has(id)).map(([id, at]) => at - committedAt.get(id)!);
        if (latencies.length >= committed.length || Date.now() > deadline) return latencies;
      }
    },
    close: () => clients.kill(),
  };
}

/** The `p`th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
