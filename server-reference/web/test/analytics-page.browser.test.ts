/**
 * The analytics page at 1366 px and at 390 px: range presets (7, 30, 90 days) and custom dates, the
 * breakdown as two charts on their own scales (never counts and money on one), each chart an image with
 * a text summary, the summary PDF downloaded from the page, nothing wider than the screen, and axe clean
 * in light and dark mode. Screenshots land in server-reference/web/test-results/analytics/.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { canvasesPainted, screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';
import { assertFitsScreen, seriousViolations } from './support/page-checks.ts';

const session = dashboardSession(async () => {
  // a completed verification and a pending one, so every chart has something to draw
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const { id } = await admin.me.retrieve();
  await admin.admin.users.balanceAdjustments.create(id, { amount: 1000, reason: 'analytics test rows' });
  const [service] = await admin.services.list({ limit: 1 }).toArray({ limit: 1 });
  const [country] = await admin.countries.list({ service: service!.slug, limit: 1 }).toArray({ limit: 1 });
  const completed = await admin.verifications.create({ service: service!.slug, country: country!.code });
  await admin.verifications.sandboxSms.create(completed.id, { text: 'Your code is 271828' });
  await admin.verifications.create({ service: service!.slug, country: country!.code });
});

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('the analytics page', () => {
  for (const [width, colorScheme] of [
    [1366, 'light'],
    [390, 'dark'],
  ] as const) {
    test(`at ${width} px (${colorScheme}): presets, custom dates, separate scales, the PDF`, async () => {
      const context = await session.browser.newContext({ viewport: { width, height: 900 }, colorScheme, acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await page.goto(`${session.origin.url}/analytics`);
      await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor();
      await settled(page);
      const overTime = page.getByRole('region', { name: 'Over time' });

      assert.ok(await page.getByLabel('Last 30 days').isChecked(), 'the last 30 days by default');
      assert.equal(await page.getByLabel('From').count(), 0, 'no date inputs until Custom');
      await overTime.getByText(`${isoDaysAgo(29)} to ${isoDaysAgo(0)}`).waitFor();
      await page.getByLabel('Last 7 days').check();
      await overTime.getByText(`${isoDaysAgo(6)} to ${isoDaysAgo(0)}`).waitFor();
      await page.getByLabel('Last 90 days').check();
      await overTime.getByText(`${isoDaysAgo(89)} to ${isoDaysAgo(0)}`).waitFor();
      assert.equal(await page.getByLabel('Interval').inputValue(), 'week', '90 days read by week');
      await page.getByLabel('Custom').check();
      await page.getByLabel('From').fill(isoDaysAgo(13));
      await overTime.getByText(`${isoDaysAgo(13)} to ${isoDaysAgo(0)}`).waitFor();
      await settled(page);

      const breakdown = page.getByRole('region', { name: 'Breakdown' });
      await breakdown.locator('canvas').nth(1).waitFor();
      const summaries = await breakdown
        .locator('[role="img"]')
        .evaluateAll((charts) => charts.map((c) => c.getAttribute('aria-label') ?? ''));
      assert.equal(summaries.length, 2, 'counts and spend are two charts');
      assert.match(summaries[0]!, /^Verifications and spend by service: .*\d+ verifications/);
      assert.match(summaries[1]!, /^Spend by service: .*\$\d+\.\d\d/);
      const { count, painted } = await canvasesPainted(page);
      assert.equal(count, 3);
      assert.equal(painted, count, 'every chart drew');
      await assertFitsScreen(page, `analytics at ${width} px`);
      assert.deepEqual(await seriousViolations(page, `analytics at ${width} px (${colorScheme})`), []);
      await screenshot(page, `analytics/${width}-${colorScheme}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Summary report (PDF)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^namaskah-summary-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
      const bytes = await readFile((await download.path())!);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      await context.close();
    });
  }
});
