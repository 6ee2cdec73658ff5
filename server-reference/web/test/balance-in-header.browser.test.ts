/**
 * The balance is always in view in the header (on a phone too, outside the folded menu) and follows
 * the ledger live; the buy page disables Buy, with a link to top up, while the balance is below the
 * price. Screenshots land in server-reference/web/test-results/balance/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk/admin';
import type { Browser } from 'playwright-core';
import { requireRealtime, screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { launchChromium } from './support/chromium.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';

const LIVE_TIMEOUT = 15_000;

const session = dashboardSession();

test('an empty wallet: balance in the header, Buy disabled with a top-up link; a credit enables it live', async () => {
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await requireRealtime(session.server.url, admin);
  const email = `empty-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery staple';
  const { user } = await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Empty Wallet' });
  const customer = await sdkAs(session.server.url, email, password);

  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, session.origin.url, email, password);
  const headerBalance = page.getByRole('banner').getByTestId('header-balance');
  await headerBalance.getByText('$0.00').waitFor();
  assert.equal(await headerBalance.isVisible(), true, 'visible on a phone without opening the menu');

  await page.getByLabel('Service').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Service').selectOption({ index: 1 });
  await page.getByLabel('Country').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByTestId('price').getByText('Price:').waitFor();
  const buy = page.getByRole('button', { name: 'Buy number' });
  await page.getByTestId('short-of-funds').waitFor();
  assert.equal(await buy.isDisabled(), true, 'Buy is disabled below the price');
  await screenshot(page, 'balance/short-of-funds');

  await page.getByRole('link', { name: 'Top up your wallet' }).click();
  await page.getByRole('heading', { name: 'Wallet' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Buy a verification' }).waitFor();

  await admin.admin.users.balanceAdjustments.create(user.id, { amount: 500, reason: 'balance header test' });
  await headerBalance.getByText('$5.00').waitFor({ timeout: LIVE_TIMEOUT });
  await page.getByLabel('Service').selectOption({ index: 1 });
  await page.getByLabel('Country').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByTestId('price').getByText('Price:').waitFor();
  assert.equal(await page.getByTestId('short-of-funds').count(), 0);
  await buy.click();
  await page.getByTestId('current-verification').waitFor();
  const after = (await customer.wallet.retrieve()).balance.amount;
  assert.ok(after < 500, 'the purchase was charged');
  await headerBalance.getByText(`$${(after / 100).toFixed(2)}`).waitFor({ timeout: LIVE_TIMEOUT });
  await screenshot(page, 'balance/after-purchase');
  await context.close();
});
