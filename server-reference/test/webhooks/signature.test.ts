import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../src/webhooks/signing/webhook-secret.ts';
import { signatureHeader } from '../../src/webhooks/signing/webhook-signature.ts';
import { SecretBox } from '../../src/crypto/secret-box.ts';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

/** Standard Webhooks verification by the reference library (which also checks the timestamp against the real clock). */
/** A header the delivery must carry: the test fails here, naming it, when it is missing. */
function header(request: { headers: Record<string, string> }, name: string): string {
  const value = request.headers[name];
  if (value === undefined) throw new Error(`the delivery has no ${name} header`);
  return value;
}

function verifies(secret: string, request: { headers: Record<string, string>; body: string }): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers);
    return true;
  } catch {
    return false;
  }
}

describe('Standard Webhooks signatures', () => {
  it('verify with the standardwebhooks library, and fail when one byte of the body changes', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({
      id: 'evt_01ABC',
      type: 'refund.issued',
      timestamp: '2026-11-24T10:00:41Z',
      sequence: 3,
      data: { amount: 250 },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'evt_01ABC',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader([secret], 'evt_01ABC', timestamp, body),
    };
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(verifies(secret, { headers, body })).toBe(true);
    for (const position of [0, 10, body.length - 2]) {
      const tampered = body.slice(0, position) + String.fromCharCode(body.charCodeAt(position) ^ 1) + body.slice(position + 1);
      expect(verifies(secret, { headers, body: tampered })).toBe(false);
    }
    expect(verifies(generateWebhookSecret(), { headers, body })).toBe(false);
    expect(verifies(secret, { headers: { ...headers, 'webhook-id': 'evt_other' }, body })).toBe(false);
  });

  it('seals secrets with AES-256-GCM bound to their row', () => {
    const box = new SecretBox(Buffer.alloc(32, 1));
    const sealed = box.seal('whsec_abc', 'whk_1');
    expect(box.open(sealed, 'whk_1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'whk_2')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed, 'whk_1')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('whsec_abd').toString('base64url');
    expect(() => box.open(parts.join('.'), 'whk_1')).toThrow();
  });
});

describe.each(DRIVERS)('signed deliveries (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await createWebhookHarness(driver, { clockStart: Date.now() });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  it('sends the event body with the Standard Webhooks headers, verifiable by the reference library', async () => {
    const userId = await h.insertUser();
    const { secret } = await h.endpoint(userId, `${receiver.url}/hook`);
    const event = committedEvent(userId, 'refund.issued', { amount: 250, reason: 'expired' });
    await h.webhooks.handleEvent(event);
    await h.webhooks.worker.runDue();
    const [request] = await receiver.waitFor(1);
    if (!request) throw new Error('no webhook request was received');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(Number(request.headers['webhook-timestamp'])).toBe(Math.floor(h.clock!.now() / 1000));
    expect(JSON.parse(request.body)).toEqual({
      id: event.id,
      type: 'refund.issued',
      timestamp: event.timestamp.replace(/\.\d{3}Z$/, 'Z'),
      sequence: event.sequence,
      data: { amount: 250, reason: 'expired' },
    });
    expect(verifies(secret, request)).toBe(true);
    expect(verifies(secret, { ...request, body: request.body.replace('250', '251') })).toBe(false);
  });

  it('signs with both secrets during a rotation overlap, new first, and with the new one only after it', async () => {
    const user = await h.insertUser();
    const { id, secret: oldSecret } = await h.endpoint(user, `${receiver.url}/hook`);
    const { secret: newSecret, endpoint } = await h.webhooks.endpoints.rotateSecret(user, id, 3600);
    expect(endpoint.previous_secret_expires_at!.getTime()).toBe(h.clock!.now() + 3_600_000);

    await h.webhooks.handleEvent(committedEvent(user));
    await h.webhooks.worker.runDue();
    const during = receiver.received[0];
    if (!during) throw new Error('no delivery during the overlap');
    const signatures = header(during, 'webhook-signature').split(' ');
    expect(signatures).toHaveLength(2);
    const timestamp = Number(during.headers['webhook-timestamp']);
    expect(signatures[0]).toBe(signatureHeader([newSecret], header(during, 'webhook-id'), timestamp, during.body));
    expect(signatures[1]).toBe(signatureHeader([oldSecret], header(during, 'webhook-id'), timestamp, during.body));
    // each receiver, whichever secret it holds, accepts the delivery
    expect(verifies(oldSecret, during)).toBe(true);
    expect(verifies(newSecret, during)).toBe(true);

    h.clock!.advance(3_600_001);
    await h.webhooks.handleEvent(committedEvent(user));
    await h.webhooks.worker.runDue();
    const after = receiver.received[1];
    if (!after) throw new Error('no delivery after the overlap');
    expect(header(after, 'webhook-signature').split(' ')).toHaveLength(1);
    // standardwebhooks checks the timestamp against the real clock: re-sign check by hand
    expect(after.headers['webhook-signature']).toBe(
      signatureHeader([newSecret], header(after, 'webhook-id'), Number(after.headers['webhook-timestamp']), after.body),
    );
    expect(after.headers['webhook-signature']).not.toBe(
      signatureHeader([oldSecret], header(after, 'webhook-id'), Number(after.headers['webhook-timestamp']), after.body),
    );
  });

  it('ends the older previous secret when rotating again during an overlap, and 0 ends the overlap at once', async () => {
    const user = await h.insertUser();
    const { id, secret: first } = await h.endpoint(user, `${receiver.url}/hook`);
    const { secret: second } = await h.webhooks.endpoints.rotateSecret(user, id, 3600);
    const { secret: third } = await h.webhooks.endpoints.rotateSecret(user, id, 3600);
    await h.webhooks.handleEvent(committedEvent(user));
    await h.webhooks.worker.runDue();
    const request = receiver.received[0];
    if (!request) throw new Error('no webhook request was received');
    expect(verifies(third, request)).toBe(true);
    expect(verifies(second, request)).toBe(true);
    expect(verifies(first, request)).toBe(false);

    const { secret: fourth, endpoint } = await h.webhooks.endpoints.rotateSecret(user, id, 0);
    expect(endpoint.previous_secret_expires_at).toBeNull();
    await h.webhooks.handleEvent(committedEvent(user));
    await h.webhooks.worker.runDue();
    const last = receiver.received[1];
    if (!last) throw new Error('no delivery after the overlap ended');
    expect(verifies(fourth, last)).toBe(true);
    expect(verifies(third, last)).toBe(false);
  });
});
