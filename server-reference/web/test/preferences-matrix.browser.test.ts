/**
 * Notification preferences are one matrix (types x channels) with quiet hours, time zone, sound and
 * frequency in the same form and one Save: what is saved is what the API then holds, at 1366 px and at
 * 390 px (where each type is a card and nothing scrolls sideways), with axe finding nothing serious.
 * Screenshots land in server-reference/web/test-results/preferences/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import type { Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { assertFitsScreen, seriousViolations } from './support/page-checks.ts';

const password = 'correct horse battery staple';
const email = `prefs-${randomBytes(4).toString('hex')}@example.com`;
const session = dashboardSession(async () => {
  await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Preference Tester' });
});

async function openPreferences(width: number): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, session.origin.url, email, password);
  await page.goto(`${session.origin.url}/notifications/preferences`);
  await page.getByTestId('preference-matrix').waitFor();
  return page;
}

describe('notification preferences as one matrix', () => {
  test('one Save stores the matrix, the quiet hours, the zone, a sound and the frequency', async () => {
    const page = await openPreferences(1366);
    assert.equal(await page.locator('form').count(), 1, 'one form, not one per type');
    assert.equal(await page.getByRole('button', { name: /^Save/ }).count(), 1, 'one Save button');
    await screenshot(page, 'preferences/1366-before');
    await page.getByLabel('Verification created: Email').check();
    await page.getByLabel('Balance credited: Email').uncheck();
    await page.getByLabel('Verification completed: sound').selectOption('bell');
    await page.getByLabel('Hold email, SMS and push', { exact: false }).check();
    await page.getByLabel('From').fill('23:00');
    await page.getByLabel('To', { exact: true }).fill('06:30');
    await page.getByLabel('Time zone').selectOption('Asia/Kolkata');
    await page.getByLabel('Frequency').selectOption('daily');
    // the rules the server enforces are not offered: no webhook for report.ready, security alerts always by email
    assert.equal(await page.getByLabel('Report ready: Webhook').count(), 0);
    assert.ok(await page.getByLabel('Security alert: Email').isDisabled());
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByTestId('toasts').getByText('Preferences saved').waitFor();

    const api = await sdkAs(session.server.url, email, password);
    const saved = new Map((await api.notificationPreferences.list()).preferences.map((preference) => [preference.type, preference]));
    assert.ok(saved.get('verification.created')!.channels.includes('email'));
    assert.ok(!saved.get('balance.credited')!.channels.includes('email'));
    assert.deepEqual(saved.get('verification.completed')!.sound, { enabled: true, name: 'bell' });
    for (const preference of saved.values()) {
      assert.deepEqual(preference.quiet_hours, { enabled: true, start: '23:00', end: '06:30', timezone: 'Asia/Kolkata' }, preference.type);
      assert.equal(preference.frequency, 'daily', preference.type);
    }
    assert.equal(saved.get('sms.received')!.is_default, false, 'the shared settings reached every type');

    await page.reload();
    await page.getByTestId('preference-matrix').waitFor();
    assert.ok(await page.getByLabel('Verification created: Email').isChecked());
    assert.ok(!(await page.getByLabel('Balance credited: Email').isChecked()));
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'Asia/Kolkata');
    assert.equal(await page.getByLabel('Frequency').inputValue(), 'daily');
    await assertFitsScreen(page, 'preferences at 1366 px');
    assert.deepEqual(await seriousViolations(page, 'preferences at 1366 px'), []);
    await screenshot(page, 'preferences/1366-saved');
    await page.context().close();
  });

  test('at 390 px each type is a card of channels and nothing scrolls sideways', async () => {
    const page = await openPreferences(390);
    await assertFitsScreen(page, 'preferences at 390 px');
    const row = page.getByTestId('preference-verification.completed');
    assert.equal(await row.evaluate((element) => getComputedStyle(element).display), 'block', 'the row is a card');
    const checkbox = page.getByLabel('Verification completed: Push');
    assert.ok(await checkbox.isVisible(), 'the channels are still there');
    assert.deepEqual(await seriousViolations(page, 'preferences at 390 px'), []);
    await screenshot(page, 'preferences/390');
    await page.context().close();
  });
});
