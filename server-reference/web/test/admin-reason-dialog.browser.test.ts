/**
 * Admin user actions ask for their reason (and amount) in a modal dialog, never `window.prompt()`:
 * Escape or Cancel changes nothing; confirming suspends, or adjusts the balance by exactly the amount,
 * and the transactions table then names the person by email, not by `usr_` id.
 * Screenshots land in server-reference/web/test-results/admin/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk/admin';
import type { Browser } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { launchChromium } from './support/chromium.ts';
import { openAdminTab } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';

const session = dashboardSession();

test('suspend and adjust balance through a confirm dialog with a reason', async () => {
  const email = `target-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery staple';
  const { user } = await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Target Person' });
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);

  const page = await (await session.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`a browser ${dialog.type()} dialog opened: ${dialog.message()}`);
  });
  await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`${session.origin.url}/admin`);
  await openAdminTab(page, 'Users');
  await page.getByLabel('Search').fill(email);
  const row = page.getByRole('row').filter({ hasText: email });
  await row.waitFor();

  await row.getByRole('button', { name: 'Adjust balance' }).click();
  const dialog = page.getByRole('dialog', { name: `Adjust the balance of ${email}` });
  await dialog.waitFor();
  await dialog.getByLabel('Amount (USD, negative to debit)').fill('2.50');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('goodwill credit');
  await screenshot(page, 'admin/adjust-dialog');
  await dialog.getByRole('button', { name: 'Adjust balance' }).click();
  await row.getByText('$2.50').waitFor();
  const [entry] = await admin.admin.transactions.list({ user_id: user.id, limit: 1 }).toArray({ limit: 1 });
  assert.equal(entry?.amount.amount, 250, 'credited exactly the amount');
  assert.equal(entry?.reason, 'goodwill credit');

  await openAdminTab(page, 'Transactions');
  const credit = page.getByRole('row').filter({ hasText: 'goodwill credit' });
  await credit.getByText(email).waitFor();
  assert.equal(await credit.getByText(user.id).count(), 0, 'the person by email, not by usr_ id');
  await openAdminTab(page, 'Users');
  await page.getByLabel('Search').fill(email);

  await row.getByRole('button', { name: 'Suspend' }).click();
  const suspend = page.getByRole('dialog', { name: 'Suspend Target Person' });
  await suspend.waitFor();
  await page.keyboard.press('Escape');
  await suspend.waitFor({ state: 'hidden' });
  assert.equal((await admin.admin.users.retrieve(user.id)).status, 'active', 'Escape changes nothing');

  await row.getByRole('button', { name: 'Suspend' }).click();
  await suspend.getByLabel('Reason (kept in the audit log)').fill('chargeback under review');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  await row.getByRole('button', { name: 'Unsuspend' }).waitFor();
  const suspended = await admin.admin.users.retrieve(user.id);
  assert.equal(suspended.status, 'suspended');
  assert.equal(suspended.suspension_reason, 'chargeback under review');
  await page.context().close();
});
