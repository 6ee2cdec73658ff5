import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliServer } from './cli-server.js';
import { runCli } from './run-cli.js';

/**
 * The built `namaskah` bin as a subprocess against the reference server: login and the stored key,
 * generated API commands, JSON output on a pipe, exit codes by error class.
 */
const ctx = cliServer();

async function firstOffer() {
  const prices = await ctx.client.prices.list({ available: true, limit: 100 }).toArray({ limit: 100 });
  const offer = prices.find((p) => p.available);
  if (!offer) throw new Error('the simulator offers nothing');
  return offer;
}

describe('namaskah login / whoami / logout', () => {
  it('stores the key it checked in $XDG_CONFIG_HOME/namaskah/config.json with mode 0600, and uses it', async () => {
    const login = await runCli(['login'], ctx.env, `${ctx.apiKey}\n`);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ logged_in: 'demo@namaskah.dev', profile: 'default' });
    const file = join(ctx.env.XDG_CONFIG_HOME!, 'namaskah', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const whoami = await runCli(['whoami'], ctx.env);
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email: 'demo@namaskah.dev', key_from: 'profile' });
  });

  it('refuses a wrong key with exit code 3 and stores nothing for its profile', async () => {
    const login = await runCli(['login', '--api-key', 'nmk_test_wrong', '--profile', 'wrong'], ctx.env);
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(/^error: \w+/);
    const whoami = await runCli(['whoami', '--profile', 'wrong'], { ...ctx.env });
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toMatch(/not logged in/);
  });

  it('lets NAMASKAH_API_KEY override the stored key', async () => {
    const whoami = await runCli(['whoami'], { ...ctx.env, NAMASKAH_API_KEY: 'nmk_test_wrong' });
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toMatch(/error: \w+: /);
  });
});

describe('generated API commands', () => {
  it('verifications create buys once and prints the verification as JSON on a pipe', async () => {
    await runCli(['login', '--api-key', ctx.apiKey], ctx.env);
    const offer = await firstOffer();
    const before = await ctx.client.wallet.retrieve();
    const result = await runCli(['verifications', 'create', '--service', offer.service, '--country', offer.country], ctx.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verification = JSON.parse(result.stdout);
    expect(verification).toMatchObject({ status: 'pending', service: offer.service, country: offer.country });
    const after = await ctx.client.wallet.retrieve();
    expect(after.balance.amount).toBe(before.balance.amount - verification.price.amount);

    const retrieved = await runCli(['verifications', 'retrieve', verification.id], ctx.env);
    expect(JSON.parse(retrieved.stdout).id).toBe(verification.id);
  });

  it('takes the body from --data (inline and @file) with flags over it', async () => {
    const offer = await firstOffer();
    const inline = await runCli(
      ['verifications', 'create', '--data', JSON.stringify({ service: offer.service, country: 'ZZ' }), '--country', offer.country],
      ctx.env,
    );
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout).country).toBe(offer.country);
    const file = join(ctx.env.XDG_CONFIG_HOME!, 'body.json');
    writeFileSync(file, JSON.stringify({ service: offer.service, country: offer.country }));
    const fromFile = await runCli(['verifications', 'create', '--data', `@${file}`], ctx.env);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ service: offer.service, status: 'pending' });
    const broken = await runCli(['verifications', 'create', '--data', '{not json'], ctx.env);
    expect(broken.code).toBe(2);
  });

  it('follows the cursor with --all', async () => {
    const page = await runCli(['verifications', 'list', '--limit', '1'], ctx.env);
    expect(JSON.parse(page.stdout)).toMatchObject({ has_more: true });
    const all = await runCli(['verifications', 'list', '--limit', '1', '--all'], ctx.env);
    const items = JSON.parse(all.stdout) as { id: string }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('exits 1 with the problem code and detail on stderr for a 4xx', async () => {
    const result = await runCli(['verifications', 'create', '--service', 'no-such-service', '--country', 'US'], ctx.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: not_found: .+/);
    expect(result.stderr).toMatch(/request id: \S+/);
  });

  it('exits 2 on usage errors, before anything is sent', async () => {
    expect((await runCli(['verifications', 'create', '--country', 'US'], ctx.env)).code).toBe(2);
    expect((await runCli(['verifications', 'retrieve', 'not-an-id'], ctx.env)).code).toBe(2);
    expect((await runCli(['verifications', 'list', '--limit', 'many'], ctx.env)).code).toBe(2);
    expect((await runCli(['verifications', 'list', '--status', 'bogus'], ctx.env)).code).toBe(2);
    expect((await runCli(['no-such-command'], ctx.env)).code).toBe(2);
  });

  it('exits 5 when the server cannot be reached', async () => {
    const result = await runCli(['wallet', 'retrieve'], { ...ctx.env, NAMASKAH_BASE_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(5);
  });

  it('prints a completion script naming the generated commands', async () => {
    const result = await runCli(['completion', 'bash'], ctx.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("['webhook-endpoints deliveries']='list retrieve replay replay-failed");
  });
});
