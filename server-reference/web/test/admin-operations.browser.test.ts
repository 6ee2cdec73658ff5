/**
 * The admin pages an operator works in, at 1366 px and at 390 px: Health as status tiles in human units
 * (never a JSON dump); a tier edited through inputs and a confirm dialog that says what changes; a
 * person's tier and role from selects, confirmed; a provider's priority and enablement, confirmed; every
 * verification filtered by customer and status, refunded from its own row. No native browser dialog
 * opens, people read as name and email, and Cancel changes nothing. Screenshots land in
 * server-reference/web/test-results/admin/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import type { Namaskah as AdminClient } from '@namaskah/sdk/admin';
import type { Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { openAdminTab } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';
import { assertFitsScreen, seriousViolations } from './support/page-checks.ts';

const password = 'correct horse battery staple';
const session = dashboardSession();
let signedInAdmin: Promise<AdminClient> | undefined;
/** The test's own admin session (the server is up once a test runs). */
const adminApi = (): Promise<AdminClient> => (signedInAdmin ??= sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password));

/** A new customer with money and one completed verification. */
async function customerWithVerification(): Promise<{ email: string; userId: string; verificationId: string }> {
  const admin = await adminApi();
  const email = `ops-${randomBytes(4).toString('hex')}@example.com`;
  const { user } = await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Ops Customer' });
  await admin.admin.users.balanceAdjustments.create(user.id, { amount: 2000, reason: 'admin operations test' });
  const customer = await sdkAs(session.server.url, email, password);
  const [service] = await customer.services.list({ limit: 1 }).toArray({ limit: 1 });
  const [country] = await customer.countries.list({ service: service!.slug, limit: 1 }).toArray({ limit: 1 });
  const verification = await customer.verifications.create({ service: service!.slug, country: country!.code });
  await customer.verifications.sandboxSms.create(verification.id, { text: 'Your code is 553311' });
  return { email, userId: user.id, verificationId: verification.id };
}

async function openAdmin(width: number): Promise<Page> {
  const page = await (await session.browser.newContext({ viewport: { width, height: 900 } })).newPage();
  page.on('dialog', (dialog) => assert.fail(`a native ${dialog.type()} dialog opened: ${dialog.message()}`));
  await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`${session.origin.url}/admin`);
  return page;
}

async function checkScreen(page: Page, what: string): Promise<void> {
  await assertFitsScreen(page, what);
  assert.deepEqual(await seriousViolations(page, what), []);
  await screenshot(page, `admin/${what.replaceAll(' ', '-')}`);
}

describe('admin operations', () => {
  for (const width of [1366, 390]) {
    test(`at ${width} px: health tiles in human units`, async () => {
      const page = await openAdmin(width);
      await openAdminTab(page, 'Health');
      const panel = page.getByRole('tabpanel', { name: 'Health' });
      const tiles = panel.getByTestId('health-tile');
      assert.ok((await tiles.count()) >= 7, 'a tile per check and per provider');
      assert.match(await panel.getByRole('article', { name: /^Database: / }).innerText(), /Round trip \d+(\.\d)? m?s/);
      assert.match(await panel.getByRole('article', { name: 'Redis: not configured' }).innerText(), /not configured/);
      assert.match(await panel.getByRole('article', { name: /^Webhooks: / }).innerText(), /\d+\.\d% of attempts failed/);
      assert.match(await panel.innerText(), /up \d+ (s|min)/);
      assert.doesNotMatch(await panel.innerText(), /latency_ms|failure_rate|[{}]|_/, 'no field names or JSON');
      await checkScreen(page, `${width}-health`);
      await page.context().close();
    });

    test(`at ${width} px: a verification is refunded from its row, once`, async () => {
      const admin = await adminApi();
      const { email, userId, verificationId } = await customerWithVerification();
      const page = await openAdmin(width);
      await openAdminTab(page, 'Verifications');
      const panel = page.getByRole('tabpanel', { name: 'Verifications' });
      await panel.getByLabel('Customer').fill(email);
      await panel.getByLabel('Status').selectOption('completed');
      const row = panel.getByTestId(`verification-${verificationId}`);
      await row.getByText(`Ops Customer (${email})`).waitFor();
      assert.equal(await row.getByText(userId).count(), 0, 'the person by name and email, not usr_ id');
      await checkScreen(page, `${width}-verifications`);
      const before = (await admin.wallet.retrieve()).balance; // the admin's own balance does not move
      await row.getByRole('button', { name: 'Refund' }).click();
      const dialog = page.getByRole('dialog', { name: /^Refund \$[\d.]+ to Ops Customer/ });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.equal((await admin.admin.verifications.list({ user_id: userId }).toArray())[0]!.refunded, false, 'Cancel refunds nothing');
      await row.getByRole('button', { name: 'Refund' }).click();
      await dialog.getByLabel('Reason (kept in the audit log)').fill('number never worked for the customer');
      await dialog.getByRole('button', { name: 'Refund' }).click();
      await row.getByText('refunded (manual)').waitFor();
      assert.equal(await row.getByRole('button', { name: 'Refund' }).count(), 0, 'a refunded verification offers no second refund');
      const refunds = await admin.admin.refunds.list({ limit: 100 }).toArray();
      assert.equal(refunds.filter((r) => r.verification_id === verificationId).length, 1, 'refunded exactly once');
      assert.deepEqual((await admin.wallet.retrieve()).balance, before);
      await openAdminTab(page, 'Refunds');
      await page
        .getByRole('tabpanel', { name: 'Refunds' })
        .getByRole('row')
        .filter({ hasText: 'number never worked' })
        .getByText(email)
        .waitFor();
      await page.context().close();
    });
  }

  test('a tier is edited through inputs and a dialog that says what changes', async () => {
    const admin = await adminApi();
    const page = await openAdmin(1366);
    await openAdminTab(page, 'Tiers');
    const [tier] = (await admin.admin.tiers.list().toArray()).filter((t) => t.features.webhooks);
    assert.ok(tier, 'a seeded tier with webhooks');
    const form = page.getByRole('form', { name: `${tier.name} tier` });
    await form.getByLabel('Discount (%)').fill('12.5');
    await form.getByLabel('Rate limit (requests per minute)').fill('777');
    await form.getByLabel('Webhooks').uncheck();
    await form.getByRole('button', { name: `Save ${tier.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change the ${tier.name} tier?` });
    const said = await dialog.innerText();
    assert.match(said, new RegExp(`discount ${(tier.discount_bps / 100).toFixed(1)}% → 12.5%`));
    assert.match(said, new RegExp(`rate limit ${tier.rate_limit_per_minute} → 777 requests per minute`));
    assert.match(said, /Webhooks off/);
    await checkScreen(page, '1366-tier-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(
      (await admin.admin.tiers.list().toArray()).find((t) => t.id === tier.id)!.discount_bps,
      tier.discount_bps,
      'Cancel saves nothing',
    );
    await form.getByRole('button', { name: `Save ${tier.name}` }).click();
    const changedBefore = await page
      .getByRole('form', { name: `${tier.name} tier` })
      .locator('small')
      .textContent();
    await dialog.getByRole('button', { name: 'Save tier' }).click();
    // the form is drawn again from the saved tier: its "changed" time moves on
    await page.waitForFunction(([name, previous]) => document.querySelector(`form[aria-label="${name}"] small`)?.textContent !== previous, [
      `${tier.name} tier`,
      changedBefore,
    ] as const);
    const saved = (await admin.admin.tiers.list().toArray()).find((t) => t.id === tier.id)!;
    assert.equal(saved.discount_bps, 1250);
    assert.equal(saved.rate_limit_per_minute, 777);
    assert.equal(saved.features.webhooks, false);
    assert.equal(
      await page
        .getByRole('form', { name: `${tier.name} tier` })
        .getByLabel('Discount (%)')
        .inputValue(),
      '12.5',
    );
    await admin.admin.tiers.update(tier.id, {
      discount_bps: tier.discount_bps,
      rate_limit_per_minute: tier.rate_limit_per_minute,
      features: tier.features,
    });
    await page.context().close();
  });

  test('a person changes tier and role from selects, each confirmed first', async () => {
    const admin = await adminApi();
    const { email, userId } = await customerWithVerification();
    const tiers = await admin.admin.tiers.list().toArray();
    const current = (await admin.admin.users.retrieve(userId)).tier;
    const other = tiers.find((t) => t.id !== current)!;
    const page = await openAdmin(390);
    await openAdminTab(page, 'Users');
    await page.getByLabel('Search').fill(email);
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByLabel(`Role of ${email}`).selectOption('support');
    const roleDialog = page.getByRole('dialog', { name: `Make Ops Customer (${email}) support staff?` });
    await roleDialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await admin.admin.users.retrieve(userId)).role, 'user', 'Cancel changes nothing');
    assert.equal(await row.getByLabel(`Role of ${email}`).inputValue(), 'user', 'the select shows the role still held');
    await row.getByLabel(`Tier of ${email}`).selectOption(other.id);
    const tierDialog = page.getByRole('dialog', { name: `Move Ops Customer (${email}) to the ${other.name} tier?` });
    await checkScreen(page, '390-tier-change-dialog');
    await tierDialog.getByRole('button', { name: 'Change tier' }).click();
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.waitForFunction(
      ([label, tier]) => (document.querySelector(`select[aria-label="${label}"]`) as HTMLSelectElement | null)?.value === tier,
      [`Tier of ${email}`, other.id] as const,
    );
    assert.equal((await admin.admin.users.retrieve(userId)).tier, other.id);
    await page.context().close();
  });

  test('a provider is reprioritised and disabled, each confirmed first', async () => {
    const admin = await adminApi();
    const [provider] = await admin.admin.providers.list().toArray();
    assert.ok(provider, 'a configured provider');
    const page = await openAdmin(390);
    await openAdminTab(page, 'Providers');
    const row = page.getByTestId(`provider-${provider.slug}`);
    await row.getByLabel(`Priority of ${provider.name}`).fill(String(provider.priority + 4));
    await row.getByRole('button', { name: 'Save priority' }).click();
    const dialog = page.getByRole('dialog', { name: `Route ${provider.name} at priority ${provider.priority + 4}?` });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await row.getByRole('button', { name: 'Save priority' }).waitFor({ state: 'detached' });
    assert.equal((await admin.admin.providers.list().toArray())[0]!.priority, provider.priority + 4);
    await row.getByRole('button', { name: 'Disable' }).click();
    const disable = page.getByRole('dialog', { name: `Disable ${provider.name}?` });
    await checkScreen(page, '390-provider-dialog');
    await disable.getByRole('button', { name: 'Confirm' }).click();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    assert.equal((await admin.admin.providers.list().toArray()).find((p) => p.id === provider.id)!.enabled, false);
    await admin.admin.providers.update(provider.id, { enabled: true, priority: provider.priority });
    await page.context().close();
  });
});
