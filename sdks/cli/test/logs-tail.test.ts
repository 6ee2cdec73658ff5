import { randomBytes } from 'node:crypto';
import { Namaskah } from '@namaskah/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliServer } from './cli-server.js';
import { collect, startCli, waitForOutput } from './run-cli.js';

/**
 * `namaskah logs tail` as a subprocess, following an account's requests while the test makes them. The
 * account is its own (the other test files share the demo account and would show up in its log).
 */
const ctx = cliServer();
const MISSING = '/v1/verifications/ver_0000000000000000000000000T';
let apiKey: string;
let client: Namaskah;

beforeAll(async () => {
  const baseUrl = ctx.env.NAMASKAH_BASE_URL!;
  const email = `tail-${randomBytes(4).toString('hex')}@example.com`;
  const registration = await new Namaskah({ baseUrl }).auth.register({ email, password: 'correct horse battery staple', name: 'Tail' });
  const session = new Namaskah({ baseUrl, apiKey: registration.tokens.access_token });
  apiKey = (await session.apiKeys.create({ name: 'tail', scopes: ['wallet:read', 'verifications:read', 'analytics:read'] })).secret;
  client = new Namaskah({ baseUrl, apiKey });
  // The log is written in batches (within a second): the tail starts once the set-up's requests are in it.
  while ((await client.requestLogs.list({ limit: 1 })).data.length === 0) await new Promise((r) => setTimeout(r, 100));
});

describe('namaskah logs tail', () => {
  it('prints each new request once, in order, with its status and problem code; Ctrl-C ends it with 0', async () => {
    const tail = startCli(['logs', 'tail', '--interval', '200', '--api-key', apiKey], ctx.env);
    const done = collect(tail);
    try {
      await waitForOutput(tail.stderr!, /Ready/);
      await client.wallet.retrieve();
      await client.verifications.retrieve('ver_0000000000000000000000000T').catch(() => undefined);
      await client.me.retrieve();
      await waitForOutput(tail.stdout!, /"operation_id":"getMe"/);
    } finally {
      tail.kill('SIGINT');
    }
    const exit = await done;
    expect(exit.code).toBe(0);
    const entries = exit.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    // Only what happened after the tail started (the CLI's own polling is not listed), oldest first.
    expect(entries.map((e) => [e.operation_id, e.status, e.error_code])).toEqual([
      ['getWallet', 200, null],
      ['getVerification', 404, 'not_found'],
      ['getMe', 200, null],
    ]);
    expect(entries[1].path).toBe(MISSING);
    expect(new Set(entries.map((e) => e.sequence)).size).toBe(3);
  }, 60_000);

  it('filters by outcome, and refuses a bad interval with exit code 2', async () => {
    const tail = startCli(['logs', 'tail', '--outcome', 'failed', '--interval', '200', '--api-key', apiKey], ctx.env);
    const done = collect(tail);
    try {
      await waitForOutput(tail.stderr!, /Ready/);
      await client.wallet.retrieve();
      await client.verifications.retrieve('ver_0000000000000000000000000T').catch(() => undefined);
      await waitForOutput(tail.stdout!, /not_found/);
    } finally {
      tail.kill('SIGINT');
    }
    const lines = (await done).stdout.split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).status)).toEqual([404]);

    const bad = await collect(startCli(['logs', 'tail', '--interval', '5', '--api-key', apiKey], ctx.env));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--interval/);
  }, 60_000);
});
