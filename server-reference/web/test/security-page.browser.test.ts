/**
 * The Security page on the real server: TOTP enrolment from the QR code (decoded from the canvas's
 * pixels, so a wrong or unreadable code fails) with the code computed from the secret by RFC 6238,
 * recovery codes shown once with copy and download, regenerated, TOTP turned off with a code; the SMS
 * second factor's enrolment; the IP allowlist checked here and by the server; sessions and push
 * devices revoked through the confirm dialog, never a browser dialog.
 * Screenshots land in server-reference/web/test-results/security/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import decodeQR from '@paulmillr/qr/decode.js';
import { Namaskah } from '@namaskah/sdk';
import type { Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { totpCode } from './support/totp-code.ts';

const session = dashboardSession();
const password = 'correct horse battery staple';

async function newAccountPage(): Promise<{ page: Page; email: string; sdk: Namaskah }> {
  const email = `security-${randomBytes(4).toString('hex')}@example.com`;
  await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Security Tester' });
  const context = await session.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin.url });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`a browser ${dialog.type()} dialog opened: ${dialog.message()}`);
  });
  await signIn(page, session.origin.url, email, password);
  await page.goto(`${session.origin.url}/security`);
  await settled(page);
  return { page, email, sdk: await sdkAs(session.server.url, email, password) };
}

/** Reads the QR code back from the canvas's pixels, as a phone's camera would. */
async function scanQr(page: Page): Promise<string> {
  const image = await page.getByTestId('qr-code').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, data: Array.from(data) };
  });
  return decodeQR({ width: image.width, height: image.height, data: Uint8Array.from(image.data) });
}

test('TOTP: scan the QR code, confirm with a code, keep the recovery codes, regenerate them, turn off with a code', async () => {
  const { page, email } = await newAccountPage();
  const anonymous = new Namaskah({ baseUrl: session.server.url });
  const totp = page.getByRole('region', { name: 'Authenticator app' });
  await totp.getByText('Off', { exact: true }).waitFor();
  await totp.getByRole('button', { name: 'Set up authenticator app' }).click();
  await page.getByTestId('qr-code').waitFor();
  await screenshot(page, 'security/totp-enrolment');

  const uri = new URL(await scanQr(page));
  assert.equal(uri.protocol, 'otpauth:');
  const secret = uri.searchParams.get('secret')!;
  assert.equal(
    (await page.getByTestId('totp-secret').innerText()).replaceAll(' ', ''),
    secret,
    'the key for manual entry is the one in the QR code',
  );
  assert.match(decodeURIComponent(uri.pathname), new RegExp(email.replace('.', '\\.')));

  await totp.getByLabel('Code from the app').fill(totpCode(secret, Date.now() - 120_000));
  await totp.getByRole('button', { name: 'Turn on' }).click();
  await totp.getByRole('alert').waitFor();
  assert.equal((await anonymous.auth.login({ email, password })).result, 'authenticated', 'a stale code enables nothing');

  await totp.getByLabel('Code from the app').fill(totpCode(secret));
  await totp.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByTestId('recovery-codes');
  await codes.waitFor();
  const shown = (await codes.getByRole('listitem').allInnerTexts()).map((code) => code.trim());
  assert.equal(shown.length, 10);
  await screenshot(page, 'security/recovery-codes');
  const [download] = await Promise.all([page.waitForEvent('download'), codes.getByRole('button', { name: 'Download' }).click()]);
  const saved = await readFile((await download.path())!, 'utf8');
  for (const code of shown) assert.ok(saved.includes(code), `the download holds ${code}`);
  await codes.getByRole('button', { name: 'Copy recovery codes' }).click();
  await codes.getByText('Copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.join('\n'));
  await codes.getByRole('button', { name: 'I have saved them' }).click();
  await totp.getByText('On', { exact: true }).waitFor();
  const login = await anonymous.auth.login({ email, password });
  assert.equal(login.result, 'second_factor_required', 'signing in now asks for the second factor');

  await totp.getByRole('button', { name: 'Regenerate recovery codes' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Regenerate recovery codes?' });
  await regenerate.getByRole('button', { name: 'Regenerate' }).click();
  await codes.waitFor();
  const fresh = (await codes.getByRole('listitem').allInnerTexts()).map((code) => code.trim());
  assert.equal(fresh.length, 10);
  assert.equal(fresh.filter((code) => shown.includes(code)).length, 0, 'every code is new');
  await codes.getByRole('button', { name: 'I have saved them' }).click();

  await totp.getByRole('button', { name: 'Turn off' }).click();
  const turnOff = page.getByRole('dialog', { name: 'Turn off the authenticator app?' });
  await turnOff.getByLabel('Code from your authenticator app').fill('000000');
  await screenshot(page, 'security/turn-off-dialog');
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await totp.getByRole('alert').waitFor();
  await totp.getByText('On', { exact: true }).waitFor();
  await totp.getByRole('button', { name: 'Turn off' }).click();
  // the step after the one used to turn it on: the server accepts each step once
  await turnOff.getByLabel('Code from your authenticator app').fill(totpCode(secret, Date.now() + 30_000));
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await totp.getByText('Off', { exact: true }).waitFor();
  assert.equal((await anonymous.auth.login({ email, password })).result, 'authenticated');
  await page.context().close();
});

test('SMS codes: the code is sent to the number, a wrong code shows the server problem and enables nothing', async () => {
  const { page, sdk } = await newAccountPage();
  const sms = page.getByRole('region', { name: 'SMS codes' });
  await sms.getByLabel('Phone number (with country code)').fill('+44 7700 900123');
  await sms.getByRole('button', { name: 'Send code' }).click();
  await sms.getByText('We sent a six-digit code to').waitFor();
  await sms.getByText('+447700900123').waitFor();
  await sms.getByLabel('Code from the SMS').fill('000000');
  await sms.getByRole('button', { name: 'Turn on' }).click();
  await sms
    .getByRole('alert')
    .getByText(/request req_/)
    .waitFor();
  await screenshot(page, 'security/sms-wrong-code');
  assert.equal((await sdk.security.retrieve()).sms_second_factor_enabled, false);
  await page.context().close();
});

test('IP allowlist: a typo is caught here, the server problem is shown, entries are added and removed after a confirm', async () => {
  const { page, sdk } = await newAccountPage();
  const allowlist = page.getByRole('region', { name: 'IP allowlist' });
  const add = async (cidr: string) => {
    await allowlist.getByLabel('Network (CIDR)').fill(cidr);
    await allowlist.getByRole('button', { name: 'Add network' }).click();
  };
  await add('10.0.0.1/24');
  await allowlist.getByText('did you mean 10.0.0.0/24?').waitFor();
  await add('not-a-network');
  await allowlist.getByText('Enter a network in CIDR notation').waitFor();
  // the first entry must contain the browser's own address (127.0.0.1), or the account would lock itself out
  await add('203.0.113.0/24');
  const lockout = allowlist.getByRole('alert').filter({ hasText: /request req_/ });
  await lockout.waitFor();
  assert.equal((await sdk.security.ipAllowlist.list().toArray()).length, 0, 'the refused entry was not added');

  await allowlist.getByLabel('Label (optional)').fill('This machine');
  await add('127.0.0.0/8');
  const row = allowlist.getByRole('row').filter({ hasText: '127.0.0.0/8' });
  await row.getByText('This machine').waitFor();
  assert.deepEqual(
    (await sdk.security.ipAllowlist.list().toArray()).map((entry) => entry.cidr),
    ['127.0.0.0/8'],
  );
  await add('127.0.0.0/8');
  await allowlist
    .getByRole('alert')
    .filter({ hasText: /request req_/ })
    .waitFor();
  await screenshot(page, 'security/ip-allowlist');

  await row.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove 127.0.0.0/8?' });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await sdk.security.ipAllowlist.list().toArray()).length, 1, 'Escape changes nothing');
  await row.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await sdk.security.ipAllowlist.list().toArray()).length, 0);
  await page.context().close();
});

test('sessions and devices: this session is marked, another session and a push device are revoked after a confirm', async () => {
  const { page, sdk } = await newAccountPage();
  await sdk.devices.create({
    platform: 'fcm',
    token: `fcm-${randomBytes(16).toString('hex')}`,
    app_id: 'com.namaskah.app',
    name: 'Test Pixel',
  });
  await page.reload();
  await settled(page);
  const sessions = page.getByRole('region', { name: 'Where you are signed in' });
  const current = sessions.getByTestId('current-session');
  await current.getByText('This session').waitFor();
  assert.equal(await current.getByRole('button', { name: 'Sign out' }).count(), 0, 'this session is not offered for revoking');
  const others = sessions.getByRole('row').filter({ has: page.getByRole('button', { name: 'Sign out' }) });
  // registering and the SDK login each started a session of their own
  const before = (await sdk.auth.sessions.list().toArray()).length;
  assert.equal(await others.count(), before - 1, 'every other session has its button');
  await others.first().getByRole('button', { name: 'Sign out' }).click();
  const confirm = page.getByRole('dialog', { name: /^Sign out / });
  await screenshot(page, 'security/revoke-session-dialog');
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[aria-labelledby="sessions-title"] tbody tr').length === n, before - 1);
  await current.waitFor();

  const devices = page.getByRole('region', { name: 'Devices for push notifications' });
  const device = devices.getByRole('row').filter({ hasText: 'Test Pixel' });
  await device.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove Test Pixel?' }).getByRole('button', { name: 'Remove' }).click();
  await device.waitFor({ state: 'detached' });
  await devices.getByText('No phone is registered').waitFor();
  await screenshot(page, 'security/sessions-and-devices');
  await page.context().close();
});
