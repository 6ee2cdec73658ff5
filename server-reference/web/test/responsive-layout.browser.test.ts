/**
 * No page is wider than the screen: every page (signed out, signed in, each admin tab) at a desktop
 * width (1366 px) and a phone width (390 px) has `scrollWidth <= innerWidth`, so nothing scrolls
 * sideways. Screenshots of each land in server-reference/web/test-results/layout/ (git-ignored), named
 * `<width>-<page>.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { launchChromium } from './support/chromium.ts';
import { assertFitsScreen } from './support/page-checks.ts';
import { ADMIN_TABS, openAdminTab, PUBLIC_PAGES, pageName, SIGNED_IN_PAGES, settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { DEMO_ADMIN } from './support/demo-accounts.ts';

const WIDTHS = [1366, 390];

const session = dashboardSession(async () => {
  // rows in the history, wallet and admin tables: one verification with its code, one still pending
  const admin = await sdkAs(session.server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const { id: adminId } = await admin.me.retrieve();
  await admin.admin.users.balanceAdjustments.create(adminId, { amount: 1000, reason: 'layout test rows' });
  const [service] = await admin.services.list({ limit: 1 }).toArray({ limit: 1 });
  const [country] = await admin.countries.list({ service: service!.slug, limit: 1 }).toArray({ limit: 1 });
  const completed = await admin.verifications.create({ service: service!.slug, country: country!.code });
  await admin.verifications.sandboxSms.create(completed.id, { text: 'Your code is 482913' });
  await admin.verifications.create({ service: service!.slug, country: country!.code });
});

describe('every page fits the screen', () => {
  for (const width of WIDTHS) {
    test(`at ${width} px`, async () => {
      const context = await session.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [path, heading] of PUBLIC_PAGES) {
        await page.goto(`${session.origin.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await screenshot(page, `layout/${width}-${pageName(path)}`);
        await assertFitsScreen(page, `${path} at ${width} px`);
      }
      await signIn(page, session.origin.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      for (const [path, heading] of SIGNED_IN_PAGES) {
        await page.goto(`${session.origin.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await settled(page);
        await screenshot(page, `layout/${width}-${pageName(path)}`);
        await assertFitsScreen(page, `${path} at ${width} px`);
      }
      for (const tab of ADMIN_TABS) {
        await openAdminTab(page, tab);
        await screenshot(page, `layout/${width}-admin-${pageName(`/${tab.toLowerCase().replace(' ', '-')}`)}`);
        await assertFitsScreen(page, `admin ${tab} at ${width} px`);
      }
      await context.close();
    });
  }
});
