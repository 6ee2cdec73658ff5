import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { goTo, sdkAs, signIn } from './support/browser-helpers.ts';
import { buyFirstOffer } from './support/buy-first-offer.ts';
import { launchChromium } from './support/chromium.ts';
import { type DashboardOrigin, dashboardOrigin } from './support/dashboard-origin.ts';
import { DEMO_ADMIN, DEMO_USER } from './support/demo-accounts.ts';
import { type RunningServer, startReferenceServer } from './support/reference-server.ts';

let server: RunningServer;
let origin: DashboardOrigin;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  return page;
}

before(async () => {
  // success rates read afresh on every price list, so the verification this test completes shows at once
  server = await startReferenceServer({ CATALOG_SUCCESS_RATE_TTL_MS: '0' });
  origin = await dashboardOrigin(server.url);
  browser = await launchChromium();
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await origin?.close();
  await server?.stop();
});

/** Issue 17: the buy page shows what a buyer judges an offer by; the admin sees the route a purchase took. */
describe('offer quality on the buy page, the route in the admin pages', () => {
  let bought: { id: string; service: string; country: string };

  test('the buy page shows the offer’s delivery success rate as a percent and its stock, as the price list says', async () => {
    const client = await sdkAs(server.url, DEMO_USER.email, DEMO_USER.password);
    const page = await newPage();
    await signIn(page, origin.url, DEMO_USER.email, DEMO_USER.password);
    const id = await buyFirstOffer(page, client);
    await client.verifications.sandboxSms.create(id, { text: 'Your verification code is 482913' });
    const verification = await client.verifications.retrieve(id);
    bought = { id, service: verification.service, country: verification.country };

    await page.reload();
    await page.getByLabel('Service').locator('option').nth(1).waitFor({ state: 'attached' });
    await page.getByLabel('Service').selectOption(bought.service);
    await page.getByLabel('Country').locator(`option[value="${bought.country}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Country').selectOption(bought.country);
    const listed = (await client.prices.list({ service: bought.service, country: bought.country })).data[0]!;
    assert.notEqual(listed.success_rate, null, 'a completed verification gives the offer a success rate');
    const rate = page.getByTestId('success-rate');
    await rate.waitFor();
    assert.equal(await rate.textContent(), `${(listed.success_rate! / 100).toFixed(1)}%`);
    assert.match((await page.getByTestId('stock').textContent()) ?? '', /^[\d,]+$/);
  });

  test('the admin’s verification list shows the provider and the route the purchase took', async () => {
    const page = await newPage();
    await signIn(page, origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await goTo(page, 'Admin');
    await page.getByRole('tab', { name: 'Verifications' }).click();
    const route = page.getByRole('list', { name: `Route of ${bought.id}` });
    await route.waitFor();
    assert.equal(await route.getByRole('listitem').count(), 1);
    assert.equal((await route.getByRole('listitem').textContent())?.trim(), 'simulator ✓');
  });
});
