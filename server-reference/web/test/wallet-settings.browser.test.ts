/**
 * The wallet page's low-balance alert and automatic top-up form, on a phone (390 px): saved through
 * `PATCH /v1/wallet` and read back, a combination the server refuses shown as it says it; and the buy
 * page showing the tier cap's `active_verification_limit` detail. Screenshots land in
 * server-reference/web/test-results/wallet-settings/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';

const session = dashboardSession();

async function newCustomer() {
  const email = `settings-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery staple';
  const { user } = await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Wallet Settings' });
  return { user, email, password, client: await sdkAs(session.server.url, email, password) };
}

test('a phone sets the alert threshold and an automatic top-up; a refused combination says why', async () => {
  const customer = await newCustomer();
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, session.origin.url, customer.email, customer.password);
  await page.goto(`${session.origin.url}/wallet`);
  const form = page.getByRole('form', { name: 'Low balance alert and automatic top-up' });
  await form.waitFor();
  assert.equal(await form.getByLabel('Alert below (USD)').inputValue(), '5.00', 'the default threshold');

  await form.getByLabel('Alert below (USD)').fill('12.50');
  await form.getByLabel('Top up automatically when the balance falls below the alert').check();
  await form.getByLabel('Amount (USD)').fill('25');
  await form.getByLabel('At most once per').selectOption('hour');
  await form.getByRole('button', { name: 'Save settings' }).click();
  const saved = async () => (await customer.client.wallet.retrieve()).auto_top_up.enabled;
  for (let i = 0; i < 50 && !(await saved()); i++) await new Promise((r) => setTimeout(r, 100));
  const wallet = await customer.client.wallet.retrieve();
  assert.deepEqual(wallet.low_balance_threshold, { amount: 1250, currency: 'USD' });
  assert.deepEqual(wallet.auto_top_up.amount, { amount: 2500, currency: 'USD' });
  assert.equal(wallet.auto_top_up.at_most_once_per, 'hour');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (the page is ${width} px wide)`);
  await screenshot(page, 'wallet-settings/saved');

  // a threshold of 0 would never start the automatic top-up: the server refuses, the page says why
  await form.getByLabel('Alert below (USD)').fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.getByText(/set one above 0/).waitFor();
  assert.equal((await customer.client.wallet.retrieve()).low_balance_threshold.amount, 1250, 'nothing changed');
  await screenshot(page, 'wallet-settings/refused');
  await context.close();
});

test("the buy page shows the tier cap's detail when the account holds as many pending verifications as it allows", async () => {
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const customer = await newCustomer();
  await admin.admin.users.balanceAdjustments.create(customer.user.id, { amount: 5000, reason: 'cap test' });
  const before = (await admin.admin.tiers.list()).data.find((t) => t.id === 'tier_basic')!.max_active_verifications;
  await admin.admin.tiers.update('tier_basic', { max_active_verifications: 1 });
  try {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, session.origin.url, customer.email, customer.password);
    const buyOne = async () => {
      await page.getByLabel('Service').locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByLabel('Service').selectOption({ index: 1 });
      await page.getByLabel('Country').locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByLabel('Country').selectOption({ index: 1 });
      await page.getByTestId('price').getByText('Price:').waitFor();
      await page.getByRole('button', { name: 'Buy number' }).click();
    };
    await buyOne();
    await page.getByTestId('current-verification').waitFor();
    await page.reload();
    await buyOne();
    await page.getByText(/allows 1 pending verifications at once/).waitFor();
    await screenshot(page, 'wallet-settings/cap-reached');
    await context.close();
  } finally {
    await admin.admin.tiers.update('tier_basic', { max_active_verifications: before ?? null });
  }
});
