/**
 * The live-code card on the buy page, on a phone-sized screen: display names (not slugs), the number
 * and the code each copied by their button, a countdown that ticks, the code arriving live, cancel and
 * report from the card, another code on the same number, and the card surviving a reload while the
 * verification is pending.
 * Screenshots land in server-reference/web/test-results/live-code/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Namaskah, VerificationAlreadyReportedError } from '@namaskah/sdk';
import type { Browser, Page } from 'playwright-core';
import { requireRealtime, screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { buyFirstOffer } from './support/buy-first-offer.ts';
import { launchChromium } from './support/chromium.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_USER } from './support/demo-accounts.ts';

const LIVE_TIMEOUT = 15_000;

const session = dashboardSession(async () => {
  client = await sdkAs(session.server.url, DEMO_USER.email, DEMO_USER.password);
});
let client: Namaskah;

/** A signed-in phone-sized page allowed to use the clipboard, with page errors failing the test. */
async function phonePage(): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin.url });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  await signIn(page, session.origin.url, DEMO_USER.email, DEMO_USER.password);
  return page;
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const secondsLeft = async (page: Page) => {
  const [minutes, seconds] = (await page.getByTestId('expiry-countdown').innerText()).split(':').map(Number);
  return minutes! * 60 + seconds!;
};

describe('the live-code card', () => {
  test('names, copy buttons, a ticking countdown, and the code arriving live', async () => {
    await requireRealtime(session.server.url, client);
    const page = await phonePage();
    const id = await buyFirstOffer(page, client);
    const bought = await client.verifications.retrieve(id);
    const card = page.getByTestId('current-verification');
    const [service] = (await client.services.list({ limit: 100 }).toArray({ limit: 1000 })).filter((s) => s.slug === bought.service);
    const [country] = (await client.countries.list({ service: bought.service, limit: 100 }).toArray({ limit: 500 })).filter(
      (c) => c.code === bought.country,
    );
    await card.getByRole('heading', { name: `${service!.name} · ${country!.name}` }).waitFor();

    await card.getByRole('button', { name: 'Copy number' }).click();
    await card.getByRole('button', { name: 'Copy number' }).getByText('Copied').waitFor();
    assert.equal(await clipboard(page), bought.phone_number);

    const first = await secondsLeft(page);
    const expected = (Date.parse(bought.expires_at) - Date.now()) / 1000;
    assert.ok(Math.abs(first - expected) < 5, `countdown ${first} s, expires in ${expected.toFixed(0)} s`);
    await page.waitForFunction((start) => {
      const [m, s] = (document.querySelector('[data-testid="expiry-countdown"]')?.textContent ?? '').split(':').map(Number);
      return m! * 60 + s! < start;
    }, first);

    await client.verifications.sandboxSms.create(id, { text: 'Your verification code is 482913' });
    await card.getByTestId('verification-code').getByText('482913').waitFor({ timeout: LIVE_TIMEOUT });
    await card.getByRole('button', { name: 'Copy code' }).click();
    await card.getByRole('button', { name: 'Copy code' }).getByText('Copied').waitFor();
    assert.equal(await clipboard(page), '482913');
    const codeLines = await card
      .getByTestId('verification-code')
      .evaluate((code) => new Set([...code.getClientRects()].map((rect) => Math.round(rect.top))).size);
    assert.equal(codeLines, 1, 'the code sits on one line');
    assert.equal(await card.getByTestId('expiry-countdown').count(), 0, 'no countdown once completed');
    await screenshot(page, 'live-code/completed');

    await card.getByLabel('Problem').selectOption('wrong_code');
    await card.getByRole('button', { name: 'Report' }).click();
    await card.getByRole('status').getByText('Reported').waitFor();
    await assert.rejects(client.verifications.report(id, { reason: 'wrong_code' }), VerificationAlreadyReportedError);
    await page.context().close();
  });

  test('another code on the same number: the button asks, the new code arrives live on the card', async () => {
    await requireRealtime(session.server.url, client);
    const page = await phonePage();
    const id = await buyFirstOffer(page, client);
    const card = page.locator(`[data-testid="current-verification"][data-id="${id}"]`);
    await card.waitFor();
    assert.equal(await card.getByRole('button', { name: 'Another code' }).count(), 0, 'no second code before the first');
    await client.verifications.sandboxSms.create(id, { text: 'Your verification code is 482913' });
    await card.getByTestId('verification-code').getByText('482913').waitFor({ timeout: LIVE_TIMEOUT });
    await card.getByRole('button', { name: 'Another code' }).click();
    await card.getByTestId('awaiting-another-code').waitFor();
    await client.verifications.sandboxSms.create(id, { text: 'Your new verification code is 730155' });
    await card.getByTestId('verification-code').getByText('730155').waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal(await card.getByTestId('awaiting-another-code').count(), 0);
    assert.equal((await client.verifications.retrieve(id)).code, '730155');
    await screenshot(page, 'live-code/another-code');
    await page.context().close();
  });

  test('cancel on the card refunds the price, and a pending card survives a reload', async () => {
    const page = await phonePage();
    const before = (await client.wallet.retrieve()).balance.amount;
    const id = await buyFirstOffer(page, client);
    await page.reload();
    const card = page.locator(`[data-testid="current-verification"][data-id="${id}"]`);
    await card.waitFor();
    await card.getByTestId('expiry-countdown').waitFor();
    await screenshot(page, 'live-code/pending');
    await card.getByRole('button', { name: 'Cancel and refund' }).click();
    await page.locator(`[data-testid="current-verification"][data-status="cancelled"]`).waitFor();
    const cancelled = await client.verifications.retrieve(id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.refunded, true);
    assert.equal((await client.wallet.retrieve()).balance.amount, before, 'the price came back, once');
    await screenshot(page, 'live-code/cancelled');
    await page.context().close();
  });
});
