/**
 * Issue 20's Redis high availability: Redis Sentinel (three sentinels, a master and a replica) carries the
 * real-time fan-out and the rate limits of two reference-server nodes. Users buy through node A while their
 * real-time clients are connected to node B, so every live event crosses Redis; the master is killed with
 * SIGKILL in the middle. Afterwards: the sentinels promoted the replica, every client has every event of its
 * user once and in order (what the fan-out dropped during the failover is fetched from the store), and the
 * rate limits are counted in the new master again.
 *
 * Why Sentinel and not Redis Cluster: the platform keeps little in Redis (pub/sub and counters that expire
 * in a minute), far below one server's memory, so sharding buys nothing; what it needs is a master that is
 * replaced when it dies, which Sentinel does and ioredis follows natively.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type Node, startNode } from './support/cluster.ts';
import {
  missingEngines,
  type Postgres,
  type RedisServer,
  type Sentinel,
  startPostgres,
  startRedis,
  startSentinels,
} from './support/engines.ts';
import { type Follower, WebSocketFollower } from './support/followers.ts';
import { call, listAll } from './support/http.ts';

const USERS = Number(process.env.FAULT_USERS ?? 6);
const STORM_MS = Number(process.env.FAULT_STORM_MS ?? 12_000);
const missing = missingEngines();
if (missing.length && process.env.CI === 'true') throw new Error(`the fault suite needs ${missing.join(', ')} (.ci/run installs them)`);

const redisCli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim();

describe('Redis Sentinel: the master killed during an event storm', { skip: missing.length > 0 && `needs ${missing}` }, () => {
  let postgres: Postgres;
  let master: RedisServer;
  let replica: RedisServer;
  let sentinels: Sentinel[] = [];
  const nodes: Node[] = [];
  const users: Array<{ token: string; followers: Follower[] }> = [];

  before(async () => {
    postgres = await startPostgres();
    master = await startRedis();
    replica = await startRedis({ replicaOf: master.port });
    sentinels = await startSentinels(master.port);
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      REDIS_SENTINEL_NAME: 'mymaster',
      LOG_LEVEL: 'error',
      SIMULATOR_SMS_DELAY_MS: '300',
      SIMULATOR_NO_SMS_RATE: '0',
      SIMULATOR_FAILURE_RATE: '0',
      DISPATCH_POLL_INTERVAL_MS: '500',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    nodes.push(await startNode('node-a', env));
    nodes.push(await startNode('node-b', env));
    const [a, b] = nodes as [Node, Node];
    const admin = await call(a.url, 'POST', '/v1/auth/login', { body: { email: 'admin@namaskah.dev', password: 'admin-password-123' } });
    const adminToken = admin.body.tokens.access_token;
    // storm users on Pro with a high limit; Basic keeps a small one for the rate-limit check
    assert.equal(
      (await call(a.url, 'PATCH', '/v1/admin/tiers/tier_pro', { token: adminToken, body: { rate_limit_per_minute: 100000 } })).status,
      200,
    );
    assert.equal(
      (await call(a.url, 'PATCH', '/v1/admin/tiers/tier_basic', { token: adminToken, body: { rate_limit_per_minute: 20 } })).status,
      200,
    );
    for (let i = 0; i < USERS; i++) {
      const registered = await call(a.url, 'POST', '/v1/auth/register', {
        body: { email: `sentinel-${i}-${Date.now()}@example.com`, password: 'correct horse battery', name: `Sentinel ${i}` },
      });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      const { user, tokens } = registered.body;
      await call(a.url, 'PATCH', `/v1/admin/users/${user.id}`, { token: adminToken, body: { tier: 'tier_pro' } });
      const funded = await call(a.url, 'POST', `/v1/admin/users/${user.id}/balance-adjustments`, {
        token: adminToken,
        body: { amount: 200_000, reason: 'sentinel suite funding' },
      });
      assert.equal(funded.status, 201, JSON.stringify(funded.body));
      const ws = `${b.url.replace(/^http/, 'ws')}/v1/realtime/ws`;
      users.push({
        token: tokens.access_token,
        followers: [new WebSocketFollower(ws, tokens.access_token), new WebSocketFollower(ws, tokens.access_token)],
      });
    }
  });

  after(async () => {
    for (const user of users) for (const follower of user.followers) follower.stop();
    for (const node of nodes) node.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    for (const sentinel of sentinels) sentinel.stop();
    replica?.stop();
    master?.stop();
    postgres?.stop();
  });

  it('loses no event and keeps counting rate limits in the promoted replica', async () => {
    const [a] = nodes as [Node, Node];
    assert.match(redisCli(sentinels[0]!.port, 'sentinel', 'get-master-addr-by-name', 'mymaster'), new RegExp(`${master.port}`));
    let stop = false;
    const statuses: number[] = [];
    const storm = users.map(async (user) => {
      while (!stop) {
        const bought = await call(a.url, 'POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
        statuses.push(bought.status);
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
      }
    });
    await new Promise((r) => setTimeout(r, STORM_MS / 4));
    master.kill();
    await new Promise((r) => setTimeout(r, (STORM_MS * 3) / 4));
    stop = true;
    await Promise.all(storm);

    // the sentinels promoted the replica
    assert.match(redisCli(sentinels[0]!.port, 'sentinel', 'get-master-addr-by-name', 'mymaster'), new RegExp(`${replica.port}`));
    assert.deepEqual([...new Set(statuses)], [201], `purchase answers: ${statuses.filter((s) => s !== 201).join(',')}`);

    const expected = await Promise.all(users.map((u) => listAll(a.url, '/v1/events?after_sequence=0', u.token)));
    const deadline = Date.now() + 30_000;
    const behind = () =>
      users.flatMap((u, i) =>
        u.followers
          .filter((f) => f.sequences.length < expected[i]!.length)
          .map((f) => `user ${i}: at ${f.sequences.at(-1)} of ${expected[i]!.length}`),
      );
    while (behind().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.deepEqual(behind(), [], 'every client caught up through the new master');
    for (const [i, user] of users.entries()) {
      const sequences = expected[i]!.map((e) => e.sequence);
      for (const follower of user.followers) {
        assert.deepEqual(follower.violations, []);
        assert.deepEqual(follower.sequences.slice(0, sequences.length), sequences, 'every event once, in order');
      }
    }

    // a Basic user's 20 requests a minute are counted in the promoted replica, shared by both nodes
    const registered = await call(a.url, 'POST', '/v1/auth/register', {
      body: { email: `sentinel-limit-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Limit' },
    });
    const token = registered.body.tokens.access_token;
    const answers: number[] = [];
    for (let i = 0; i < 24; i++) answers.push((await call(nodes[i % 2]!.url, 'GET', '/v1/wallet', { token, retryForMs: 0 })).status);
    assert.deepEqual(answers.slice(0, 20), Array(20).fill(200));
    assert.deepEqual(answers.slice(20), Array(4).fill(429), 'the 21st request in the minute is refused, whichever node answers');
    assert.ok(Number(redisCli(replica.port, 'dbsize')) > 0, 'the counters live in the new master');
  });
});
