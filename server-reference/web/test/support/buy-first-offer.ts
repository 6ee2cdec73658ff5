import assert from 'node:assert/strict';
import type { Namaskah } from '@namaskah/sdk';
import type { Page } from 'playwright-core';

/** Buys the first service and country on offer through the buy page; returns the new verification's id. */
export async function buyFirstOffer(page: Page, client: Namaskah): Promise<string> {
  await page.getByLabel('Service').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Service').selectOption({ index: 1 });
  await page.getByLabel('Country').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByTestId('price').getByText('Price:').waitFor();
  const previous = await page
    .getByTestId('current-verification')
    .getAttribute('data-id', { timeout: 1 })
    .catch(() => null);
  await page.getByRole('button', { name: 'Buy number' }).click();
  await page.locator(`[data-testid="current-verification"]:not([data-id="${previous}"])`).waitFor();
  const [latest] = await client.verifications.list({ limit: 1 }).toArray({ limit: 1 });
  assert.ok(latest, 'the purchase is listed through the API');
  assert.equal(latest.status, 'pending');
  return latest.id;
}
