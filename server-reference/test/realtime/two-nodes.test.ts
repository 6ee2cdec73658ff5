import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/storage/ids.ts';
import { appendEvent } from '../../src/storage/events/append-event.ts';
import { OutboxWakeChannel } from '../../src/events/outbox-wake-channel.ts';
import { AccessTokens } from '../../src/domain/access-tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { balanceLow } from './support/realtime-harness.ts';
import { TestWsClient } from './support/ws-client.ts';

const DATABASE = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const NODE_SCRIPT = fileURLToPath(new URL('./support/realtime-node-process.ts', import.meta.url));

/** Starts a node process and resolves with its URLs. */
function startNode(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string; wsUrl: string }> {
  const child = spawn(process.execPath, [NODE_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, ...JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

describe.skipIf(!DATABASE || !REDIS)('two nodes sharing PostgreSQL and Redis', () => {
  const children: ChildProcess[] = [];
  let database: DatabaseHandle | null = null;
  let schema = '';
  let stopAnnouncer: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await stopAnnouncer?.();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await database?.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database?.close();
  });

  it('delivers an event committed elsewhere, dispatched on node A (woken by NOTIFY, not its poll), to a WebSocket client on node B, and resumes across nodes', async () => {
    schema = `two_nodes_${randomBytes(4).toString('hex')}`;
    const admin = await createDatabase({ databaseUrl: DATABASE!, dataDir: '', poolSize: 1 });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(DATABASE!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    database = await createDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 5 });
    await migrateToLatest(database.db);
    await seedTiers(database.db);

    // the poll is set to ten minutes: node A dispatches what this process commits only because this
    // process announces its commits (NOTIFY) and node A listens
    const announcer = new OutboxWakeChannel({ databaseUrl: url.toString() });
    await announcer.start();
    stopAnnouncer = () => announcer.stop();
    const env = { DATABASE_URL: url.toString(), REDIS_URL: REDIS!, DISPATCH_POLL_INTERVAL_MS: '600000' };
    const [nodeA, nodeB] = await Promise.all([startNode({ ...env, DISPATCH: 'true' }), startNode({ ...env, DISPATCH: 'false' })]);
    children.push(nodeA.child, nodeB.child);

    const { db } = database;
    const userId = newId('usr');
    const sessionId = newId('ses');
    await db
      .insertInto('users')
      .values({ id: userId, email: `${userId}@example.com`, password_hash: 'x', role: 'user', tier_id: 'tier_basic', status: 'active' })
      .execute();
    await db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        ip: '127.0.0.1',
        user_agent: null,
        client_id: null,
        expires_at: new Date(Date.now() + 3600_000),
      })
      .execute();
    const config = loadConfig();
    const token = await new AccessTokens(config.jwtSecret, 600).sign({ userId, sessionId });

    // the ticket comes from node A; the WebSocket goes to node B, which dispatches nothing itself
    const ticketResponse = await fetch(`${nodeA.baseUrl}/v1/realtime/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(ticketResponse.status).toBe(201);
    const { ticket } = await ticketResponse.json();
    const client = new TestWsClient(nodeB.wsUrl);
    await client.opened;
    client.send({ type: 'auth', ticket });
    client.send({ type: 'subscribe' });
    await client.until((c) => c.messages.some((m) => m.type === 'ready'));

    await db.transaction().execute((trx) => appendEvent(trx, { userId, ...balanceLow(1) }));
    await client.until((c) => c.events.length === 1, 10_000);
    expect(client.events[0]).toMatchObject({ sequence: 1, type: 'balance.low' });
    await client.close();

    for (const n of [2, 3, 4]) await db.transaction().execute((trx) => appendEvent(trx, { userId, ...balanceLow(n) }));
    const resumed = new TestWsClient(nodeA.wsUrl);
    await resumed.opened;
    resumed.send({ type: 'auth', access_token: token });
    resumed.send({ type: 'subscribe', last_sequence: 1 });
    await resumed.until((c) => c.events.length === 3, 10_000);
    expect(resumed.events.map((e) => e.sequence)).toEqual([2, 3, 4]);
    await resumed.close();
  });
});
