/**
 * Loading and empty states: a skeleton (announced as "Loading") while an answer is on its way, and for a
 * new account every empty list says what it is for with the one action that fills it. Screenshots land
 * in server-reference/web/test-results/states/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import type { Browser, Page, Route } from 'playwright-core';
import { screenshot, signIn } from './support/browser-helpers.ts';
import { launchChromium } from './support/chromium.ts';
import { dashboardSession } from './support/dashboard-session.ts';

const session = dashboardSession(async () => {
  const email = `new-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery staple';
  await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'New Account' });
  page = await (await session.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, session.origin.url, email, password);
});
let page: Page;

describe('loading and empty states', () => {
  test('a skeleton shows while the history loads, then the empty state with its call to action', async () => {
    const held: Route[] = [];
    await page.route('**/v1/verifications?*', (route) => void held.push(route));
    await page.goto(`${session.origin.url}/history`);
    await page.getByRole('status', { name: 'Loading' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="skeleton"]') !== null);
    await screenshot(page, 'states/history-loading');
    assert.equal(await page.getByTestId('empty-state').count(), 0, 'no empty state before the answer');
    for (const route of held) await route.continue();
    await page.unroute('**/v1/verifications?*');
    const empty = page.getByTestId('empty-state');
    await empty.getByText('No verifications yet.').waitFor();
    assert.equal(await page.getByTestId('skeleton').count(), 0, 'the skeleton is gone');
    await screenshot(page, 'states/history-empty');
    await empty.getByRole('link', { name: 'Buy your first number' }).click();
    await page.getByRole('heading', { name: 'Buy a verification' }).waitFor();
  });

  for (const [path, button, field] of [
    ['/wallet', 'Top up', 'Top up (USD)'],
    ['/api-keys', 'Create a key', 'Name'],
    ['/webhooks', 'Add an endpoint', 'URL'],
  ] as const) {
    test(`${path}: the empty state's "${button}" takes the person to the field that fills it`, async () => {
      await page.goto(`${session.origin.url}${path}`);
      const empty = page.getByTestId('empty-state');
      await empty.waitFor();
      await screenshot(page, `states${path}-empty`);
      await empty.getByRole('button', { name: button }).click();
      const focused = await page.evaluate(() => document.activeElement?.id ?? '');
      assert.equal(focused, await page.getByLabel(field, { exact: true }).getAttribute('id'));
    });
  }

  test('notifications: an empty list points to the preferences', async () => {
    await page.goto(`${session.origin.url}/notifications`);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    await empty.getByRole('link', { name: 'Choose what to be told about' }).click();
    await page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
  });
});
