import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { postLedgerEntry } from '../../src/domain/wallet-ledger.ts';
import { createDatabase } from '../../src/storage/create-database.ts';
import { TestWsClient } from '../realtime/support/ws-client.ts';
import { freePort, freshSchema } from './support/test-platform.ts';

const DATABASE = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** Runs `src/main.ts` (the real server entry) and resolves with its URL once it listens. */
async function startNode(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /reference server on (http\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`node exited with ${code} before listening`)));
  });
  return { child, url, exited };
}

/**
 * Issue 4's multi-node acceptance with the real entry point: two `main.ts` processes share one
 * PostgreSQL (a fresh schema, and a job-queue schema of their own) and one Redis; a WebSocket client of
 * node B receives the events of a purchase made through node A's API.
 */
describe.skipIf(!DATABASE || !REDIS)('two server processes sharing PostgreSQL and Redis', () => {
  const nodes: Array<{ child: ChildProcess; exited: Promise<number | null> }> = [];
  let dropSchema: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await dropSchema?.();
  });

  it('a purchase on node A reaches a WebSocket client on node B, and both nodes stop cleanly on SIGTERM', async () => {
    const schema = await freshSchema('two_nodes');
    dropSchema = schema.drop;
    const env = {
      DATABASE_URL: schema.url,
      REDIS_URL: REDIS!,
      JOB_QUEUE_SCHEMA: `${schema.schema}_jobs`,
      SEED_DEMO: 'false',
      SIMULATOR_NO_SMS_RATE: '1',
      LOG_LEVEL: 'warn',
      DISPATCH_POLL_INTERVAL_MS: '600000', // the nodes wake each other (LISTEN/NOTIFY) and themselves (commit signal), not by polling
    };
    // A first: it migrates; B then finds the schema in place
    const a = await startNode(env);
    nodes.push(a);
    const b = await startNode(env);
    nodes.push(b);

    const register = await fetch(`${a.url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `two-nodes-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Two Nodes' }),
    });
    expect(register.status).toBe(201);
    const { user, tokens } = await register.json();
    const auth = { Authorization: `Bearer ${tokens.access_token}` };
    const database = await createDatabase({ databaseUrl: schema.url, dataDir: '', poolSize: 1 });
    await database.db
      .transaction()
      .execute((trx) => postLedgerEntry(trx, { userId: user.id, kind: 'adjustment', amountCents: 5000, reason: 'test funding' }));
    await database.close();

    const ticket = await (await fetch(`${b.url}/v1/realtime/tickets`, { method: 'POST', headers: auth })).json();
    expect(ticket.url).toBe(`${b.url.replace(/^http/, 'ws')}/v1/realtime/ws`);
    const client = new TestWsClient(ticket.url);
    await client.opened;
    client.send({ type: 'auth', ticket: ticket.ticket });
    client.send({ type: 'subscribe' });
    await client.until((c) => c.messages.some((m) => m.type === 'ready'));

    const bought = await fetch(`${a.url}/v1/verifications`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'google', country: 'US' }),
    });
    expect(bought.status).toBe(201);
    const verification = await bought.json();
    await client.until((c) => c.events.length >= 2, 15_000);
    expect(client.events.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'credit.deducted'],
      [2, 'verification.created'],
    ]);
    expect(client.events[1].data.id).toBe(verification.id);

    // SIGTERM: the client is told the node is going away (1001) and both processes exit 0
    b.child.kill('SIGTERM');
    expect(await client.closed).toBe(1001);
    a.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });
});
