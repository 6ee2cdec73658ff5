import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/storage/create-database.ts';
import { DRIVERS } from '../support/test-server.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

/**
 * Reads write nothing on their request path: the API request log and API keys' last use are buffered in
 * memory. What is buffered when the node stops must reach the database anyway (issue 13: no lost request
 * logs), so the test reopens the database after stop() and looks.
 */
describe.each(DRIVERS)('stop() flushes what reads buffered (%s)', (driver) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'namaskah-flush-'));
  let platform: TestPlatform | undefined;
  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the request log rows and the API key stamp written before the database closes', async () => {
    platform = await startTestPlatform(driver, driver === 'pglite' ? { dataDir } : {});
    const user = await platform.register();
    const key = await platform.call('POST', '/v1/api-keys', { token: user.token, body: { name: 'flush', scopes: ['wallet:read'] } });
    expect(key.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await platform.call('GET', '/v1/wallet', { token: key.body.secret })).status).toBe(200);
    expect(platform.services.apiKeys.usage.pending).toBe(1);
    await platform.stop();

    const { config } = platform.services;
    const reopened = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
    try {
      const logged = await reopened.db
        .selectFrom('api_request_log')
        .select(['route', 'status', 'api_key_id'])
        .where('user_id', '=', user.userId)
        .execute();
      expect(logged.filter((row) => row.route === '/v1/wallet' && row.api_key_id === key.body.id && row.status === 200)).toHaveLength(3);
      const stored = await reopened.db
        .selectFrom('api_keys')
        .select('last_used_at')
        .where('id', '=', key.body.id)
        .executeTakeFirstOrThrow();
      expect(stored.last_used_at).toBeInstanceOf(Date);
    } finally {
      await reopened.close();
    }
  });
});
