/**
 * The scheduled reports page at 1366 px and at 390 px: an empty state that leads to the form; a daily
 * and a weekly report created from selects (frequency, day, hour, time zone) are what the API then
 * holds; a bad recipient is refused with the server's problem and creates nothing; delete asks in a
 * dialog. Nothing is wider than the screen and axe finds nothing serious. Screenshots land in
 * server-reference/web/test-results/reports/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Namaskah } from '@namaskah/sdk';
import { screenshot, sdkAs, signIn } from './support/browser-helpers.ts';
import { settled } from './support/dashboard-pages.ts';
import { dashboardSession } from './support/dashboard-session.ts';
import { assertFitsScreen, seriousViolations } from './support/page-checks.ts';

const password = 'correct horse battery staple';
const session = dashboardSession();

describe('scheduled reports', () => {
  for (const width of [1366, 390]) {
    test(`at ${width} px: create daily and weekly reports, refuse a bad recipient, delete`, async () => {
      const email = `reports-${randomBytes(4).toString('hex')}@example.com`;
      await new Namaskah({ baseUrl: session.server.url }).auth.register({ email, password, name: 'Report Reader' });
      const api = await sdkAs(session.server.url, email, password);
      const page = await (await session.browser.newContext({ viewport: { width, height: 900 } })).newPage();
      page.on('dialog', (dialog) => assert.fail(`a native ${dialog.type()} dialog opened`));
      await signIn(page, session.origin.url, email, password);
      await page.goto(`${session.origin.url}/analytics/reports`);
      await page.getByRole('heading', { name: 'Scheduled reports', exact: true }).waitFor();
      await settled(page);
      await page.getByTestId('empty-state').getByRole('button', { name: 'Schedule a report' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-report-name', 'the empty state leads to the form');
      await assertFitsScreen(page, `reports (empty) at ${width} px`);
      assert.deepEqual(await seriousViolations(page, `reports (empty) at ${width} px`), []);

      const form = page.getByRole('form', { name: 'Schedule a report' });
      await form.getByLabel(/^Name/).fill('Daily figures');
      await form.getByLabel(/^Frequency/).selectOption('daily');
      assert.equal(await form.locator('select[name="day_of_week"]').count(), 0, 'no day for a daily report');
      await form.locator('select[name="hour_of_day"]').selectOption('7');
      await form.getByLabel(/^Time zone/).selectOption('Asia/Kolkata');
      await form.getByLabel(/^Recipients/).fill('not-an-email');
      await form.getByRole('button', { name: 'Schedule report' }).click();
      await page.getByRole('alert').first().waitFor();
      assert.equal((await api.analytics.reports.list()).data.length, 0, 'a refused report creates nothing');

      await form.getByLabel(/^Recipients/).fill(`${email}, finance@example.com`);
      await form.getByRole('button', { name: 'Schedule report' }).click();
      await page.getByRole('cell', { name: 'Every day at 07:00 (Asia/Kolkata)' }).waitFor();
      await form.getByLabel(/^Name/).fill('Weekly ledger');
      await form.getByLabel(/^Report/).selectOption('ledger');
      await form.getByLabel(/^Format/).selectOption('csv');
      await form.getByLabel(/^Frequency/).selectOption('weekly');
      await form.locator('select[name="day_of_week"]').selectOption('5');
      await form.getByLabel(/^Recipients/).fill(email);
      await form.getByRole('button', { name: 'Schedule report' }).click();
      await page.getByRole('cell', { name: /Every Friday at 08:00/ }).waitFor();

      const saved = new Map((await api.analytics.reports.list()).data.map((r) => [r.name, r]));
      const daily = saved.get('Daily figures')!;
      assert.deepEqual(
        [daily.report, daily.format, daily.frequency, daily.day_of_week, daily.hour_of_day, daily.timezone, daily.recipients],
        ['summary', 'pdf', 'daily', null, 7, 'Asia/Kolkata', [email, 'finance@example.com']],
      );
      const weekly = saved.get('Weekly ledger')!;
      assert.deepEqual([weekly.report, weekly.format, weekly.frequency, weekly.day_of_week], ['ledger', 'csv', 'weekly', 5]);
      await assertFitsScreen(page, `reports at ${width} px`);
      assert.deepEqual(await seriousViolations(page, `reports at ${width} px`), []);
      await screenshot(page, `reports/${width}`);

      await page.getByTestId(`report-${daily.id}`).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog', { name: 'Delete the report "Daily figures"?' }).getByRole('button', { name: 'Delete report' }).click();
      await page.getByTestId(`report-${daily.id}`).waitFor({ state: 'detached' });
      assert.deepEqual(
        (await api.analytics.reports.list()).data.map((r) => r.name),
        ['Weekly ledger'],
      );
      await page.context().close();
    });
  }
});
