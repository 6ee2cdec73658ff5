/**
 * The webhooks page works like the Svix portal, at 1366 px and at 390 px: an endpoint's "last success"
 * changes on its own when a real event is delivered (no reload), the delivery log filters by status and
 * event type, and the attempt inspector shows the exact request body, the response status, the response
 * body excerpt and the duration; one primary action per endpoint; axe finds nothing serious in light or
 * dark mode. Screenshots land in server-reference/web/test-results/webhooks/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import type { Locator, Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';
import { assertFitsScreen, seriousViolations } from './support/page-checks.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const password = 'correct horse battery staple';
let receiver: WebhookReceiver;
before(async () => {
  receiver = await startWebhookReceiver();
});
after(() => receiver.close());
const session = dashboardSession();

/**
 * A new customer on a tier with webhooks, with one endpoint receiving every event (answering 200) and one
 * that always fails.
 */
async function customerWithEndpoints(): Promise<{ email: string; userId: string }> {
  const email = `hooks-${randomBytes(4).toString('hex')}@example.com`;
  await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Hook Tester' });
  const customer = await sdkAs(session.server.url, email, password);
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const tiers = await admin.admin.tiers.list().toArray();
  const withWebhooks = tiers.find((tier) => tier.features.webhooks);
  assert.ok(withWebhooks, 'a seeded tier includes webhooks');
  await admin.admin.users.update((await customer.me.retrieve()).id, { tier: withWebhooks.id });
  await customer.webhookEndpoints.create({ url: `${receiver.url}/ok`, event_types: ['*'], description: 'Order service' });
  await customer.webhookEndpoints.create({ url: `${receiver.url}/broken`, event_types: ['verification.created'] });
  return { email, userId: (await customer.me.retrieve()).id };
}

async function openWebhooks(width: number, email: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  await signIn(page, session.origin.url, email, password);
  await page.goto(`${session.origin.url}/webhooks`);
  await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
  await settled(page);
  return page;
}

/** The element's text, '' when it has none. */
const text = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? '';

const endpointCard = (page: Page, path: string) => page.getByRole('article', { name: `${receiver.url}${path}` });

describe('the webhooks page', () => {
  for (const width of [1366, 390]) {
    test(`at ${width} px: last success goes live, the log filters, the inspector shows request and response`, async () => {
      const { email, userId } = await customerWithEndpoints();
      const page = await openWebhooks(width, email);
      const working = endpointCard(page, '/ok');
      assert.equal((await text(working.getByTestId('last-success'))).trim(), 'never');
      assert.equal(await working.locator('button:not(.secondary):not(.link)').count(), 1, 'one primary action per endpoint');

      // a real event (an admin credit) is delivered; the card says so without a reload
      const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await admin.admin.users.balanceAdjustments.create(userId, { amount: 500, reason: 'webhooks page test' });
      await page.waitForFunction(
        (selector) => document.querySelector(selector)?.textContent?.trim() !== 'never',
        `article[aria-label="${receiver.url}/ok"] [data-testid="last-success"]`,
        { timeout: 20_000 },
      );
      assert.match(await text(working.getByTestId('last-success')), /now|second/);

      await working.getByRole('button', { name: 'Deliveries' }).click();
      const log = working.getByRole('region', { name: 'Delivery log' });
      await log
        .getByRole('cell', { name: /balance\.credited/ })
        .first()
        .waitFor();
      await log.getByLabel('Status').selectOption('failed');
      await log.getByText('No deliveries match these filters.').waitFor();
      await log.getByLabel('Status').selectOption('succeeded');
      await log.getByLabel('Event type').selectOption('balance.credited');
      await log.getByRole('button', { name: 'Inspect' }).first().click();
      const inspector = log.getByTestId('delivery-inspector');
      await inspector.waitFor();
      const body = JSON.parse(await text(inspector.getByLabel('Request body'))) as {
        type: string;
        data: { amount: { amount: number } };
      };
      assert.equal(body.type, 'balance.credited');
      assert.match(await text(inspector.getByLabel('Request headers')), /webhook-signature: v1,/);
      assert.match(await text(inspector), /HTTP 200/);
      assert.match(await text(inspector), /\d+ ms/);
      assert.equal((await text(inspector.getByLabel('Response body'))).replace(/\s/g, ''), '{"received":true}');
      await assertFitsScreen(page, `webhooks at ${width} px`);
      await screenshot(page, `webhooks/${width}-inspector`);

      // a test event to the failing endpoint: its attempt shows up by itself, failed, with the receiver's answer
      const broken = endpointCard(page, '/broken');
      await broken.getByRole('button', { name: 'Deliveries' }).click();
      await broken.getByRole('button', { name: 'Send test event' }).click();
      const brokenLog = broken.getByRole('region', { name: 'Delivery log' });
      await brokenLog.locator('.badge.failed').first().waitFor({ timeout: 20_000 });
      await brokenLog.getByRole('button', { name: 'Inspect' }).first().click();
      const failed = brokenLog.getByTestId('delivery-inspector');
      assert.match(await text(failed), /HTTP 500/);
      assert.equal((await text(failed.getByLabel('Response body'))).trim(), 'receiver broke');
      assert.equal((await text(broken.getByTestId('last-success'))).trim(), 'never');
      await assertFitsScreen(page, `webhooks with two inspectors at ${width} px`);
      assert.deepEqual(await seriousViolations(page, `webhooks at ${width} px`), []);
      await screenshot(page, `webhooks/${width}-failed-attempt`);
      await page.context().close();
    });
  }

  test('deleting asks in a dialog, not window.confirm; axe is clean in dark mode with the inspector open', async () => {
    const { email } = await customerWithEndpoints();
    const page = await openWebhooks(1366, email, 'dark');
    page.on('dialog', () => assert.fail('a native browser dialog opened'));
    const broken = endpointCard(page, '/broken');
    await broken.getByRole('button', { name: 'Send test event' }).click();
    await broken.getByRole('button', { name: 'Deliveries' }).click();
    await broken.getByRole('button', { name: 'Inspect' }).first().click({ timeout: 20_000 });
    assert.deepEqual(await seriousViolations(page, 'webhooks (dark)'), []);
    await screenshot(page, 'webhooks/dark');
    await broken.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${receiver.url}/broken?` });
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await broken.waitFor({ state: 'detached' });
    assert.equal(await endpointCard(page, '/ok').count(), 1);
    await page.context().close();
  });

  test('an endpoint added through the form keeps its delivery rate limit, shown on its card', async () => {
    const { email } = await customerWithEndpoints();
    const page = await openWebhooks(390, email);
    await page.getByLabel('URL').fill(`${receiver.url}/paced`);
    await page.getByLabel(/deliveries per second/).fill('5');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const card = endpointCard(page, '/paced');
    await card.waitFor();
    assert.match(await text(card), /5 per second/);
    const customer = await sdkAs(session.server.url, email, password);
    const created = (await customer.webhookEndpoints.list().toArray()).find((e) => e.url === `${receiver.url}/paced`);
    assert.equal(created?.max_deliveries_per_second, 5);
    assert.match(await text(endpointCard(page, '/ok')), /Rate limit\s*none/);
    await assertFitsScreen(page, 'the webhooks page at 390 px');
    await page.context().close();
  });
});
