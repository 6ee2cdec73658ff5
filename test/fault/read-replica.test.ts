/**
 * Issue 20's read replica: a node on a PostgreSQL primary (DATABASE_URL) and a streaming standby of it
 * (READ_DATABASE_URL, `pg_basebackup -R`), both from Debian on loopback. Analytics are served by the
 * standby (its statement log has their queries, the primary's does not), the health check reports its lag, and once
 * the standby is stopped analytics still answer, from the primary, while health says degraded and the
 * fallback is counted.
 *
 * Bounded: two PostgreSQL start-ups, one node, a few requests (~15-30 s). Skipped without PostgreSQL,
 * except on CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Node, startNode } from './support/cluster.ts';
import { missingEngines, type Postgres, startPostgres } from './support/engines.ts';
import { call } from './support/http.ts';

const missing = missingEngines().filter((engine) => engine === 'postgresql');
if (missing.length && process.env.CI === 'true')
  throw new Error(`the read-replica suite needs ${missing.join(', ')} (.ci/run installs it)`);

/** Statements a server has logged that read the verifications as the analytics summary does. */
const verificationReads = (postgres: Postgres) =>
  postgres
    .log()
    .split('\n')
    .filter((line) => line.includes('FROM verifications WHERE')).length;

async function eventually<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('analytics on a PostgreSQL streaming replica, and on the primary once it is gone', {
  skip: missing.length > 0 && `needs ${missing}`,
}, () => {
  let primary: Postgres;
  let standby: Postgres | null = null;
  let node: Node;
  let token: string;

  before(async () => {
    // both log every statement: the logs say which server answered the analytics
    primary = await startPostgres({ logStatements: true });
    standby = await startPostgres({ standbyOf: primary, logStatements: true });
    node = await startNode('node-1', { DATABASE_URL: primary.url, READ_DATABASE_URL: standby.url, LOG_LEVEL: 'error' });
    const admin = await call(node.url, 'POST', '/v1/auth/login', { body: { email: 'admin@namaskah.dev', password: 'admin-password-123' } });
    assert.equal(admin.status, 200);
    token = admin.body.tokens.access_token;
  });
  after(async () => {
    await node?.stop();
    standby?.stop();
    primary?.stop();
  });

  const health = async () => (await call(node.url, 'GET', '/v1/admin/health', { token })).body;
  // the caller's own figures: read from the verifications table itself (the platform's come from rollups)
  const summary = () => call(node.url, 'GET', '/v1/analytics/summary?compare=previous_period', { token });

  it('streams the primary to the standby', async () => {
    assert.equal(standby!.query('SELECT pg_is_in_recovery()'), 't');
    const users = primary.query('SELECT count(*) FROM users');
    await eventually(
      'users on the standby',
      () => standby!.query('SELECT count(*) FROM users'),
      (n) => n === users,
    );
  });

  it('serves analytics from the standby and reports its lag', async () => {
    const replica = await eventually('the replica check', health, (h) => h.checks.read_replica.status === 'ok');
    assert.ok(replica.checks.read_replica.lag_seconds >= 0);
    assert.ok(Number.isInteger(replica.checks.read_replica.lag_bytes));
    const readsBefore = verificationReads(standby!);
    const primaryReadsBefore = verificationReads(primary);
    for (let i = 0; i < 3; i++) assert.equal((await summary()).status, 200);
    const csv = await fetch(`${node.url}/v1/analytics/export?format=csv&report=summary&scope=platform`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /^metric,/);
    await eventually(
      'analytics statements on the standby',
      () => verificationReads(standby!),
      (n) => n > readsBefore,
    );
    assert.equal(verificationReads(primary), primaryReadsBefore, 'the primary ran none of them');
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    assert.match(metrics, /^namaskah_read_replica_up\{database="replica"\} 1$/m);
    assert.match(metrics, /^namaskah_read_replica_lag_seconds\{database="replica"\} \d/m);
  });

  it('answers analytics from the primary once the standby is stopped, and says degraded', async () => {
    standby!.stop();
    standby = null;
    const down = await eventually('the replica check', health, (h) => h.checks.read_replica.status === 'down');
    assert.equal(down.status, 'degraded');
    assert.deepEqual(down.checks.read_replica, { status: 'down', lag_seconds: null, lag_bytes: null });
    const readsBefore = verificationReads(primary);
    const answer = await summary();
    assert.equal(answer.status, 200);
    assert.equal(typeof answer.body.current.verifications_total, 'number');
    await eventually(
      'analytics statements on the primary',
      () => verificationReads(primary),
      (n) => n > readsBefore,
    );
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    assert.match(metrics, /^namaskah_read_replica_fallbacks_total\{reason="down"\} [1-9]/m);
    assert.match(metrics, /^namaskah_read_replica_up\{database="replica"\} 0$/m);
  });
});
