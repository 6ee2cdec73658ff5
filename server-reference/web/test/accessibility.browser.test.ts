/**
 * axe-core on every page (signed out, signed in, each admin tab), in light and in dark mode: no serious
 * and no critical finding. axe runs inside the page through the DevTools protocol, so the page keeps its
 * strict Content-Security-Policy (no inline script is added to it). Screenshots of each page land in
 * server-reference/web/test-results/a11y/ (git-ignored), named `<scheme>-<page>.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { launchChromium } from './support/chromium.ts';
import { seriousViolations } from './support/page-checks.ts';
import { ADMIN_TABS, openAdminTab, PUBLIC_PAGES, pageName, SIGNED_IN_PAGES, settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';

const session = dashboardSession(async () => {
  // rows in the tables, so their cells are checked too
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const { id } = await admin.me.retrieve();
  await admin.admin.users.balanceAdjustments.create(id, { amount: 1000, reason: 'accessibility test rows' });
  const [service] = await admin.services.list({ limit: 1 }).toArray({ limit: 1 });
  const [country] = await admin.countries.list({ service: service!.slug, limit: 1 }).toArray({ limit: 1 });
  await admin.verifications.create({ service: service!.slug, country: country!.code });
});

describe('axe-core finds nothing serious on any page', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`in ${colorScheme} mode`, async () => {
      const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const [path, heading] of PUBLIC_PAGES) {
        await page.goto(`${session.origin.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await screenshot(page, `a11y/${colorScheme}-${pageName(path)}`);
        found.push(...(await seriousViolations(page, `${path} (${colorScheme})`)));
      }
      await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      for (const [path, heading] of SIGNED_IN_PAGES) {
        await page.goto(`${session.origin.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await settled(page);
        await screenshot(page, `a11y/${colorScheme}-${pageName(path)}`);
        found.push(...(await seriousViolations(page, `${path} (${colorScheme})`)));
      }
      for (const tab of ADMIN_TABS) {
        await openAdminTab(page, tab);
        await screenshot(page, `a11y/${colorScheme}-admin-${tab.toLowerCase().replace(' ', '-')}`);
        found.push(...(await seriousViolations(page, `admin ${tab} (${colorScheme})`)));
      }
      await context.close();
      assert.deepEqual(found, [], 'axe found serious or critical violations');
    });
  }

  test('every chart is an image with a text summary', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${session.origin.url}/analytics`);
    await page.locator('canvas').nth(1).waitFor();
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const figure = canvas.closest('[role="img"]');
        return { role: figure?.getAttribute('role') ?? null, summary: figure?.getAttribute('aria-label') ?? '' };
      }),
    );
    assert.ok(charts.length >= 2, 'the analytics page draws its charts');
    for (const chart of charts) {
      assert.equal(chart.role, 'img', 'a chart is inside role="img"');
      assert.match(chart.summary, /\d/, 'its text summary states figures');
    }
    await context.close();
  });
});
