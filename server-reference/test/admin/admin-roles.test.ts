import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../support/contract.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { registerWithRole } from './staff-accounts.ts';

/** A concrete path for a spec path template, with ids that match the parameter patterns. */
const concrete = (path: string) =>
  path
    .replace('{user_id}', 'usr_01JD4X2K7P9Q3R5S7T9V1W3X5Y')
    .replace('{tier_id}', 'tier_basic')
    .replace('{override_id}', 'ovr_01JD4X2K7P9Q3R5S7T9V1W3X5Y')
    .replace('{provider_id}', 'simulator');

describe.each(DRIVERS)('admin roles (%s)', (driver) => {
  let server: TestServer;
  let operations: Array<{ method: string; path: string; operationId: string }>;
  beforeAll(async () => {
    server = await createTestServer(driver);
    const { spec } = await contract();
    operations = spec.operations
      .filter((op) => op.tag === 'admin')
      .map((op) => ({ method: op.method.toUpperCase(), path: op.path, operationId: op.operationId }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a user gets 403 forbidden on every admin operation of the spec, and nothing changes', async () => {
    const user = await registerWithRole(server, 'user');
    expect(operations.length).toBeGreaterThanOrEqual(25);
    const auditedBefore = await server.database.db.selectFrom('audit_log').select('id').execute();
    for (const op of operations) {
      const res = await server.request(op.method, concrete(op.path), {
        token: user.token,
        body: op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
      });
      expect([op.operationId, res.status, res.body?.code]).toEqual([op.operationId, 403, 'forbidden']);
    }
    const auditedAfter = await server.database.db.selectFrom('audit_log').select('id').execute();
    expect(auditedAfter).toHaveLength(auditedBefore.length);
  });

  it('support reads the admin views but gets 403 on every change and on the mailbox', async () => {
    const support = await registerWithRole(server, 'support');
    for (const op of operations) {
      const readable = op.method === 'GET' && op.operationId !== 'adminListMailboxMessages';
      const res = await server.request(op.method, concrete(op.path), {
        token: support.token,
        body: op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
      });
      if (readable) expect([op.operationId, res.status === 403]).toEqual([op.operationId, false]);
      else expect([op.operationId, res.status, res.body?.code]).toEqual([op.operationId, 403, 'forbidden']);
    }
  });

  it('an API key is refused on admin routes even for an admin account, and anonymous callers get 401', async () => {
    const admin = await registerWithRole(server, 'admin');
    const key = await server.request('POST', '/v1/api-keys', { token: admin.token, body: { name: 'ops', scopes: ['analytics:read'] } });
    expect(key.status).toBe(201);
    const viaKey = await server.request('GET', '/v1/admin/users', { token: key.body.secret });
    expect(viaKey.status).toBe(403);
    const anonymous = await server.request('GET', '/v1/admin/users');
    expect(anonymous.status).toBe(401);
  });

  it('a role change applies on the next request without signing in again', async () => {
    const admin = await registerWithRole(server, 'admin');
    const target = await registerWithRole(server, 'user');
    expect((await server.request('GET', '/v1/admin/users', { token: target.token })).status).toBe(403);
    const promoted = await server.request('PATCH', `/v1/admin/users/${target.userId}`, { token: admin.token, body: { role: 'support' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('support');
    expect((await server.request('GET', '/v1/admin/users', { token: target.token })).status).toBe(200);
    const self = await server.request('PATCH', `/v1/admin/users/${admin.userId}`, { token: admin.token, body: { role: 'user' } });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('self_action_not_allowed');
  });
});
