import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Namaskah } from '@namaskah/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedOAuthToken } from '../src/oauth/stored-oauth-token.js';
import { cliServer } from './cli-server.js';
import { collect, runCli, startCli, waitForOutput } from './run-cli.js';

/**
 * `namaskah login --browser` as a subprocess, with the test as the browser and the person in it: it reads the
 * consent URL the CLI prints, approves it as a signed-in user (the dashboard's consent page calls the same
 * `GET /v1/oauth/authorize`), and follows the redirect to the CLI's loopback listener.
 */
const ctx = cliServer();
const baseUrl = ctx.env.NAMASKAH_BASE_URL!;
let session: Namaskah;
let email: string;

beforeAll(async () => {
  email = `browser-${randomBytes(4).toString('hex')}@example.com`;
  const registration = await new Namaskah({ baseUrl }).auth.register({ email, password: 'correct horse battery staple', name: 'Browser' });
  session = new Namaskah({ baseUrl, apiKey: registration.tokens.access_token });
});

const configFile = (env: Record<string, string>) => join(env.XDG_CONFIG_HOME!, 'namaskah', 'config.json');
const readProfile = (env: Record<string, string>) => JSON.parse(readFileSync(configFile(env), 'utf8')).profiles.default;

/** Starts `login --browser` and returns the consent URL it printed. */
async function startLogin(env: Record<string, string>, extra: string[] = []) {
  const child = startCli(['login', '--browser', ...extra], { ...env, BROWSER: 'none' });
  const done = collect(child);
  const printed = await waitForOutput(child.stderr!, /visit:\n(\S+)\n/);
  const consent = new URL(/visit:\n(\S+)\n/.exec(printed)![1]!);
  return { child, done, consent };
}

/** What the consent page does once the person approves: the code's redirect, followed. */
async function approve(consent: URL): Promise<Response> {
  const query = Object.fromEntries(consent.searchParams) as unknown as Parameters<Namaskah['oauth']['authorize']>[0];
  const { redirect_to } = await session.oauth.authorize(query);
  return fetch(redirect_to);
}

describe('namaskah login --browser', () => {
  it('approves in the browser, stores renewable tokens (0600), and renews them once however many processes need it', async () => {
    const env = { ...ctx.env, XDG_CONFIG_HOME: `${ctx.env.XDG_CONFIG_HOME}-login` };
    const { consent, done } = await startLogin(env);
    expect(consent.pathname).toBe('/oauth/authorize');
    expect(consent.searchParams.get('client_id')).toBe('oac_namaskahcli');
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // a redirect with another state is not this login's answer: refused, and the CLI keeps waiting
    const stray = new URL(consent.searchParams.get('redirect_uri')!);
    stray.search = 'code=forged&state=not-the-one';
    expect((await fetch(stray)).status).toBe(400);

    const landing = await approve(consent);
    expect([landing.status, await landing.text()]).toEqual([200, expect.stringContaining('Logged in')]);
    const login = await done;
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ logged_in: email, profile: 'default' });
    expect(statSync(configFile(env)).mode & 0o777).toBe(0o600);
    const stored = readProfile(env);
    expect(stored.api_key).toBeUndefined();
    expect(stored.oauth.scope.split(' ')).toEqual(expect.arrayContaining(['verifications:write', 'analytics:read']));

    const whoami = await runCli(['whoami'], env);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email, key_from: 'browser login' });

    // An expired access token is renewed with the (rotating) refresh token, once, even by two processes at once.
    const expire = () => {
      const config = JSON.parse(readFileSync(configFile(env), 'utf8'));
      config.profiles.default.oauth.expires_at = new Date(Date.now() - 1000).toISOString();
      writeFileSync(configFile(env), JSON.stringify(config));
    };
    expire();
    const [first, second] = await Promise.all([runCli(['wallet', 'retrieve'], env), runCli(['wallet', 'retrieve'], env)]);
    expect([first.code, second.code], `${first.stderr}${second.stderr}`).toEqual([0, 0]);
    const renewed = readProfile(env).oauth;
    expect(renewed.refresh_token).not.toBe(stored.oauth.refresh_token);
    expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now());
    // Two renewals truly at once (in this process, so they overlap for sure) present the refresh token once:
    // the second waits for the config lock, then finds the first's tokens.
    expire();
    process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
    try {
      const tokens = await Promise.all([storedOAuthToken('default', baseUrl)(), storedOAuthToken('default', baseUrl)()]);
      expect(tokens[0]).toBe(tokens[1]);
    } finally {
      process.env.XDG_CONFIG_HOME = ctx.env.XDG_CONFIG_HOME;
    }
    // the session survived (a spent refresh token presented twice would have ended it)
    expire();
    const third = await runCli(['whoami'], env);
    expect(third.code, third.stderr).toBe(0);
  }, 60_000);

  it('a declined approval stores nothing and exits 3', async () => {
    const env = { ...ctx.env, XDG_CONFIG_HOME: `${ctx.env.XDG_CONFIG_HOME}-declined` };
    const { consent, done } = await startLogin(env);
    const back = new URL(consent.searchParams.get('redirect_uri')!);
    back.search = new URLSearchParams({ error: 'access_denied', state: consent.searchParams.get('state')! }).toString();
    expect((await fetch(back)).status).toBe(200);
    const result = await done;
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/not approved \(access_denied\)/);
    expect(() => statSync(configFile(env))).toThrow();
  }, 60_000);
});
