import assert from 'node:assert/strict';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * Asserts the page does not scroll sideways, naming the widest elements when it does; that nothing
 * inside it scrolls sideways either (a table squeezed into a scrolling box is not a phone layout);
 * and that every number or code (`.unbroken`) sits on one line.
 */
export async function assertFitsScreen(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits, scrollers, broken } = await page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (element: Element) => `${element.tagName.toLowerCase()}.${element.className}`;
    const all = [...document.querySelectorAll('body *')];
    const culprits = all
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 || element.scrollWidth > element.clientWidth + 1)
      .slice(-5)
      .map((element) => `${describe(element)} (${Math.round(element.getBoundingClientRect().right)} px)`);
    const scrollers = all
      .filter(
        (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth + 1,
      )
      .map(describe);
    const broken = [...document.querySelectorAll('.unbroken')]
      .filter((element) => new Set([...element.getClientRects()].map((rect) => Math.round(rect.top))).size > 1)
      .map((element) => element.textContent);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits, scrollers, broken };
  });
  assert.ok(scrollWidth <= innerWidth, `${what}: ${scrollWidth} px wide on a ${innerWidth} px screen; too wide: ${culprits.join(', ')}`);
  assert.deepEqual(scrollers, [], `${what}: these scroll sideways inside the page`);
  assert.deepEqual(broken, [], `${what}: these numbers or codes wrap across lines`);
}

/** Runs axe in the page; returns every serious or critical violation with the nodes it found. */
export async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (what) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${what}: ${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  }, what);
  return violations;
}
