import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Namaskah as CustomerClient } from '@namaskah/sdk';
import { Namaskah } from '@namaskah/sdk/admin';
import type { Page } from 'playwright-core';

/** Screenshots land here (git-ignored), one per key page, as test artifacts. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Saves a full-page screenshot as test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png`, fullPage: true });
}

/** Signs in through the form and waits for the signed-in frame. */
export async function signIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('banner').waitFor();
}

/** Follows a main-navigation link, opening the phone-size menu first when the links are folded into it. */
export async function goTo(page: Page, linkName: string | RegExp): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: linkName }).click();
}

/** An SDK client signed in as `email` (its own session), for the test's side of a scenario. */
export async function sdkAs(serverUrl: string, email: string, password: string): Promise<Namaskah> {
  const anonymous = new Namaskah({ baseUrl: serverUrl });
  const login = await anonymous.auth.login({ email, password });
  if (login.result !== 'authenticated') throw new Error(`${email} needs a second factor`);
  return new Namaskah({ baseUrl: serverUrl, apiKey: login.tokens.access_token });
}

/**
 * Fails, with a message that says why, when the server's real-time endpoints are not there yet: the
 * live scenarios cannot pass without them, and must not be skipped silently.
 */
export async function requireRealtime(serverUrl: string, client: CustomerClient): Promise<void> {
  try {
    await client.realtime.tickets.create({ maxRetries: 0 });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(
      `The live scenario needs the real-time channel, but POST ${serverUrl}/v1/realtime/tickets failed${status ? ` with ${status}` : ''} (${(error as Error).message}). It passes once the server's WebSocket/SSE endpoints are implemented.`,
    );
  }
}

/**
 * Fails with the server's 501 problem when a page's API is not implemented yet (the page itself shows
 * its "not available yet" state, which the caller has screenshotted).
 */
export async function requireImplemented(page: Page, what: string): Promise<void> {
  const notAvailable = page.getByTestId('not-available').first();
  if (await notAvailable.isVisible())
    throw new Error(`${what}: the server answers 501 not_implemented for now ("${(await notAvailable.innerText()).trim()}").`);
}

/** Whether every <canvas> on the page has at least one painted pixel (Chart.js drew something). */
export function canvasesPainted(page: Page): Promise<{ count: number; painted: number }> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    const painted = canvases.filter((canvas) => {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    });
    return { count: canvases.length, painted: painted.length };
  });
}
