/**
 * The API reference at /docs renders in a real browser under the server's Content-Security-Policy: Redoc
 * loads from this server, fetches the contract, and shows it. The one thing the policy blocks is Redoc's
 * "API docs by Redocly" footer image from cdn.redoc.ly (an img-src refusal, which Redoc hides); any other
 * refusal (a script, a style, a connection) or a request to another origin fails the test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { type RunningServer, startReferenceServer } from './support/reference-server.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startReferenceServer(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const contract = (name: string) => JSON.parse(readFileSync(new URL(`../../../spec/dist/${name}`, import.meta.url), 'utf8'));

for (const [path, heading] of [
  ['/docs', contract('openapi.json').info.summary as string],
  ['/docs/realtime', contract('asyncapi.json').info.title as string],
]) {
  test(`${path} renders the contract in Chromium under its CSP, loading nothing from another origin`, async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // finished requests only: a request the policy blocks may still be reported as started
    page.on('requestfinished', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
        problems.push(`loaded from ${request.url()}`);
    });
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200);
    await page.getByText(heading!, { exact: false }).first().waitFor({ timeout: 120_000 }); // Redoc parses the whole contract in the page: slow on a loaded machine
    const refused = problems.filter((text) => /content security policy|refused|loaded from/i.test(text));
    assert.deepEqual(
      refused.filter((text) => !/^Loading the image 'https:\/\/cdn\.redoc\.ly\/[^']+' violates [^"]+"img-src /.test(text)),
      [],
    );
    await page.close();
  });
}
