import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { registerWithRole, insertVerification } from '../admin/staff-accounts.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/**
 * Analytics read from the read replica, fresh reads from the primary. The "replica" here is a second,
 * empty database: what is on the primary only is visible where the primary answers. (A real streaming
 * standby is started by test/fault/read-replica.test.ts.)
 */
describe.each(DRIVERS)('analytics on the read replica (%s)', (driver) => {
  let server: TestServer;
  let replica: DatabaseHandle;
  let user: Awaited<ReturnType<TestServer['register']>>;
  beforeAll(async () => {
    replica = await createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteWorker: false });
    await migrateToLatest(replica.db);
    server = await createTestServer(driver, { replica: replica.db, config: { metricsToken: 'scrape-secret-123' } });
    user = await server.register();
    await server.fund(user.userId, 2_000);
    await insertVerification(server, user.userId, { createdAt: new Date(Date.now() - 60_000), price: 500 });
  });
  afterAll(async () => {
    await server?.close();
    await replica?.close();
  });

  it('serves analytics and exports from the replica', async () => {
    const summary = await server.request('GET', '/v1/analytics/summary', { token: user.token });
    expect(summary.status).toBe(200);
    expect(summary.body.current.verifications_total).toBe(0);
    const csv = await server.request('GET', '/v1/analytics/export?format=csv&report=verifications', { token: user.token });
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\n')).toHaveLength(1);
  });

  it('keeps what must be fresh on the primary', async () => {
    expect((await server.request('GET', '/v1/wallet', { token: user.token })).body.balance.amount).toBe(2_000);
    expect((await server.request('GET', '/v1/verifications', { token: user.token })).body.data).toHaveLength(1);
  });

  it('reports the replica in the health check and the metrics', async () => {
    const support = await registerWithRole(server, 'support');
    const health = await server.request('GET', '/v1/admin/health', { token: support.token });
    expect(health.body.checks.read_replica).toEqual({ status: 'ok', lag_seconds: 0, lag_bytes: 0 });
    const metrics = await (await server.app.request('/metrics', { headers: { Authorization: 'Bearer scrape-secret-123' } })).text();
    expect(metrics).toMatch(/^namaskah_read_replica_up\{database="replica"\} 1$/m);
    expect(metrics).toMatch(/^namaskah_read_replica_lag_seconds\{database="replica"\} 0$/m);
  });

  it('falls back to the primary, counted, once the replica is gone', async () => {
    await replica.close();
    // the router's last measurement serves for a second
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const summary = await server.request('GET', '/v1/analytics/summary', { token: user.token });
    expect(summary.status).toBe(200);
    expect(summary.body.current.verifications_total).toBe(1);
    const support = await registerWithRole(server, 'support');
    const health = await server.request('GET', '/v1/admin/health', { token: support.token });
    expect(health.body.checks.read_replica).toEqual({ status: 'down', lag_seconds: null, lag_bytes: null });
    expect(health.body.status).not.toBe('ok');
    const metrics = await (await server.app.request('/metrics', { headers: { Authorization: 'Bearer scrape-secret-123' } })).text();
    expect(metrics).toMatch(/^namaskah_read_replica_fallbacks_total\{reason="down"\} [1-9]/m);
    expect(metrics).toMatch(/^namaskah_read_replica_up\{database="replica"\} 0$/m);
  });
});
