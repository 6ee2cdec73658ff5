import assert from 'node:assert/strict';
import type { Namaskah } from '@namaskah/sdk';
import type { Page } from 'playwright-core';

/**
 * Buys the first service and country on offer through the buy page; returns the new verification's id.
 *
 * The id is the one the page's card shows once it names a verification that did not exist before the
 * click (read through the API first): an earlier test's pending verification, which the page restores
 * on load, can never be mistaken for the new one, however the page's requests interleave.
 */
export async function buyFirstOffer(page: Page, client: Namaskah): Promise<string> {
  await page.getByLabel('Service').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Service').selectOption({ index: 1 });
  await page.getByLabel('Country').locator('option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('Country').selectOption({ index: 1 });
  await page.getByTestId('price').getByText('Price:').waitFor();
  const existing = await client.verifications.list({ limit: 100 }).toArray({ limit: 100 });
  const notExisting = existing.map((v) => `:not([data-id="${v.id}"])`).join('');
  await page.getByRole('button', { name: 'Buy number' }).click();
  const card = page.locator(`[data-testid="current-verification"][data-id]${notExisting}`);
  await card.waitFor();
  const id = await card.getAttribute('data-id');
  assert.ok(id, 'the card names the verification');
  const bought = await client.verifications.retrieve(id);
  assert.equal(bought.status, 'pending', 'the purchase is pending through the API');
  return id;
}
