import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { type DashboardOrigin, dashboardOrigin } from './dashboard-origin.ts';
import { type RunningServer, startReferenceServer } from './reference-server.ts';

/** What a browser test file runs against: a reference server, the dashboard's origin and Chromium. */
export interface DashboardSession {
  readonly server: RunningServer;
  readonly origin: DashboardOrigin;
  readonly browser: Browser;
}

/**
 * Registers the file's `before` (start the server, find the dashboard's origin, launch Chromium, then the
 * file's own `setup`) and `after` (close them, in reverse). The fields are set once `before` ran.
 */
export function dashboardSession(setup?: (session: DashboardSession) => Promise<void>): DashboardSession {
  const session = {} as { server: RunningServer; origin: DashboardOrigin; browser: Browser };
  before(async () => {
    session.server = await startReferenceServer();
    session.origin = await dashboardOrigin(session.server.url);
    session.browser = await launchChromium();
    await setup?.(session);
  });
  after(async () => {
    await session.browser?.close();
    await session.origin?.close();
    await session.server?.stop();
  });
  return session;
}
