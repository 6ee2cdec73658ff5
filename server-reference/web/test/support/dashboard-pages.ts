import type { Page } from 'playwright-core';

/** Every signed-in page of the dashboard, by path, with the heading that says it rendered. */
export const SIGNED_IN_PAGES: ReadonlyArray<readonly [path: string, heading: string]> = [
  ['/', 'Buy a verification'],
  ['/history', 'History'],
  ['/wallet', 'Wallet'],
  ['/notifications', 'Notifications'],
  ['/notifications/preferences', 'Notification preferences'],
  ['/webhooks', 'Webhooks'],
  ['/api-keys', 'API keys'],
  ['/security', 'Security'],
  [
    // the consent screen the mobile app opens (nothing is approved by only looking at it)
    '/oauth/authorize?response_type=code&client_id=oac_namaskahmobile&redirect_uri=com.namaskah.app%3A%2Foauth%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=page-check-1234',
    'Namaskah mobile app wants to access your account',
  ],
  ['/analytics', 'Analytics'],
  ['/analytics/reports', 'Scheduled reports'],
  ['/admin', 'Admin'],
];

/** The signed-out pages. */
export const PUBLIC_PAGES: ReadonlyArray<readonly [path: string, heading: string]> = [
  ['/sign-in', 'Sign in to Namaskah'],
  ['/sign-up', 'Create your account'],
];

/** The tabs of the admin page, each its own screen. */
export const ADMIN_TABS = [
  'Users',
  'Verifications',
  'Transactions',
  'Refunds',
  'Health',
  'Tiers',
  'Providers',
  'Errors',
  'Announcements',
  'Pricing',
  'Audit log',
] as const;

/** An artifact-friendly name for a path: `/` -> `buy`, `/notifications/preferences` -> `notifications-preferences` (the query dropped). */
export const pageName = (path: string): string => (path === '/' ? 'buy' : path.split('?')[0]!.slice(1).replaceAll('/', '-'));

/** Waits until no section is still loading (a 501 shows "not available yet" after the SDK's retries). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 });
}

/** Opens one admin tab and waits for its panel to settle. */
export async function openAdminTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tabpanel', { name: tab }).waitFor();
  await settled(page);
}
