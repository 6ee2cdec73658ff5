/**
 * The mobile app's sign-in (OAuth 2.0 authorization code + PKCE) through the dashboard's consent page,
 * with the test playing the app: it makes a code_verifier and its S256 challenge, opens the authorize
 * URL in Chromium signed out, signs in, allows, catches the redirect to its own redirect URI, exchanges
 * the code with the verifier and calls GET /v1/me with the token. A wrong verifier is refused, Deny
 * returns access_denied, and a return address the app never registered is refused without a redirect.
 * Screenshots land in server-reference/web/test-results/oauth/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './support/browser-helpers.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_USER } from './support/demo-accounts.ts';

// the first-party app registered by the server's migrations (src/storage/migrations/0720-oauth.ts)
const CLIENT_ID = 'oac_namaskahmobile';
const REDIRECT_URI = 'https://app.namaskah.dev/oauth/callback';

const session = dashboardSession();
let context: BrowserContext;
let page: Page;
/** Every URL the browser was sent to on the app's side, in order. */
const arrivals: URL[] = [];

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(challenge: string, state: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    scope: 'verifications:read wallet:read',
    ...extra,
  });
  return `${session.origin.url}/oauth/authorize?${query}`;
}

/** Clicks a consent button and returns where the browser landed on the app's side. */
async function answer(button: 'Allow' | 'Deny'): Promise<URL> {
  const before = arrivals.length;
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.origin === new URL(REDIRECT_URI).origin);
  assert.equal(arrivals.length, before + 1);
  return arrivals.at(-1)!;
}

/**
 * The token request as an app's OAuth library sends it (RFC 6749 §4.1.3: a form body). Plain fetch, not
 * the JS SDK, whose `oauth.tokens.create` sends JSON for now (the server answers 415).
 */
async function exchange(code: string, verifier: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${session.server.url}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

test('sign in, allow, exchange the code with the verifier, call /v1/me with the token', async () => {
  context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  // the app's redirect URI: the test stands in for the app that would open on it
  await context.route(`${new URL(REDIRECT_URI).origin}/**`, (route) => {
    arrivals.push(new URL(route.request().url()));
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' });
  });
  page = await context.newPage();
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('hex');
  await page.goto(authorizeUrl(challenge, state));
  await page.getByRole('heading', { name: 'Sign in to Namaskah' }).waitFor();
  await page.getByLabel('Email').fill(DEMO_USER.email);
  await page.getByLabel('Password').fill(DEMO_USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const consent = page.getByRole('region', { name: 'Namaskah mobile app wants to access your account' });
  await consent.waitFor();
  await consent.getByText(DEMO_USER.email).waitFor();
  assert.deepEqual(await consent.getByRole('listitem').allInnerTexts(), [
    'See your verifications and the codes they received',
    'See your balance and transactions',
  ]);
  await screenshot(page, 'oauth/consent');

  const back = await answer('Allow');
  assert.equal(back.pathname, '/oauth/callback');
  assert.equal(back.searchParams.get('state'), state, 'the app gets its state back unchanged');
  const code = back.searchParams.get('code');
  assert.ok(code, 'the redirect carries a code');
  const { status, body: tokens } = await exchange(code, verifier);
  assert.equal(status, 200, JSON.stringify(tokens));
  assert.equal(tokens.token_type, 'Bearer');
  assert.equal(tokens.scope, 'verifications:read wallet:read');
  const me = await new Namaskah({ baseUrl: session.server.url, apiKey: tokens.access_token! }).me.retrieve();
  assert.equal(me.email, DEMO_USER.email);
});

test('a code exchanged with the wrong verifier is refused', async () => {
  const { challenge } = pkcePair();
  await page.goto(authorizeUrl(challenge, randomBytes(12).toString('hex')));
  const back = await answer('Allow');
  const refused = await exchange(back.searchParams.get('code')!, pkcePair().verifier);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error, 'invalid_grant');
  assert.equal(refused.body.access_token, undefined);
});

test('Deny sends the app error=access_denied with its state and no code', async () => {
  const state = randomBytes(12).toString('hex');
  await page.goto(authorizeUrl(pkcePair().challenge, state));
  const back = await answer('Deny');
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), state);
  assert.equal(back.searchParams.get('code'), null);
});

test('a return address the app never registered is refused on the page and never redirected to', async () => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(authorizeUrl(pkcePair().challenge, 'state-evil-1', { redirect_uri: 'https://evil.example/callback' }));
  await page.getByRole('heading', { name: 'This sign-in link does not work' }).waitFor();
  await page.getByRole('alert').getByText('did not register https://evil.example/callback').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Deny' }).count(), 0);
  assert.equal(requests.filter((url) => url.startsWith('https://evil.example')).length, 0);
  await screenshot(page, 'oauth/unregistered-redirect');
  await context.close();
});
