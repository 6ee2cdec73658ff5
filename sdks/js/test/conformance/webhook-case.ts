import { expect } from 'vitest';
import { Webhooks, WebhookVerificationError } from '../../src/index.js';
import { checkKeys, type JsonObject, Unsupported } from './case-files.js';
import { assertValue } from './matchers.js';

const webhooks = new Webhooks();

/** Runs one `webhook_verify` case. */
export async function runWebhookVerifyCase(testCase: JsonObject): Promise<void> {
  checkKeys(testCase, ['name', 'kind', 'secret', 'payload', 'headers', 'now', 'tolerance_seconds', 'expect'], 'case');
  const expectation = testCase.expect as JsonObject;
  checkKeys(expectation, ['valid', 'event', 'reason'], 'expect');
  const options: { now: number; tolerance?: number } = { now: (testCase.now as number) * 1000 };
  if (testCase.tolerance_seconds !== undefined) options.tolerance = testCase.tolerance_seconds as number;
  const verifying = webhooks.verify(
    testCase.payload as string,
    testCase.headers as Record<string, string>,
    testCase.secret as string,
    options,
  );
  if (expectation.valid === true) {
    const event = await verifying;
    if (expectation.event !== undefined) assertValue(event, expectation.event as JsonObject, 'event');
  } else if (expectation.valid === false) {
    await expect(verifying).rejects.toBeInstanceOf(WebhookVerificationError);
  } else {
    throw new Unsupported('expect.valid must be true or false');
  }
}

/** Runs one `webhook_sign` case. */
export async function runWebhookSignCase(testCase: JsonObject): Promise<void> {
  checkKeys(testCase, ['name', 'kind', 'secret', 'payload', 'msg_id', 'timestamp', 'expect'], 'case');
  checkKeys(testCase.expect, ['headers'], 'expect');
  const headers = await webhooks.sign(testCase.payload as string, testCase.secret as string, {
    id: testCase.msg_id as string,
    timestamp: testCase.timestamp as number,
  });
  for (const [name, value] of Object.entries((testCase.expect as JsonObject).headers as JsonObject)) {
    expect(headers[name], `header ${name}`).toBe(value);
  }
}
