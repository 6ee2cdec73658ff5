import { describe, expect, it } from 'vitest';
import { Namaskah, Webhooks, WebhookVerificationError } from '../../src/index.js';

const webhooks = new Webhooks();
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const event = {
  id: 'evt_1',
  type: 'verification.completed',
  timestamp: '2026-11-24T10:00:41Z',
  sequence: 7,
  data: { id: 'ver_1', code: '482913' },
};

describe('webhooks', () => {
  it('matches the Standard Webhooks reference signature', async () => {
    const headers = await webhooks.sign('{"test": 2432232314}', secret, { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330 });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies what sign() produced and returns the typed event', async () => {
    const body = JSON.stringify(event);
    const headers = await webhooks.sign(body, secret);
    const verified = await webhooks.verify(body, new Headers(headers), secret);
    expect(verified).toEqual(event);
    if (verified.type === 'verification.completed') expect(verified.data.id).toBe('ver_1');
    await expect(webhooks.verify(new TextEncoder().encode(body), headers, secret)).resolves.toEqual(event);
  });

  it('accepts any matching signature among several (secret rotation)', async () => {
    const body = JSON.stringify(event);
    const headers = await webhooks.sign(body, secret);
    headers['webhook-signature'] = `v1,AAAA ${headers['webhook-signature']}`;
    await expect(webhooks.verify(body, headers, secret)).resolves.toEqual(event);
  });

  it('rejects a tampered body, a wrong secret and a missing header', async () => {
    const body = JSON.stringify(event);
    const headers = await webhooks.sign(body, secret);
    await expect(webhooks.verify(body.replace('482913', '000000'), headers, secret)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(webhooks.verify(body, headers, 'whsec_dGhlIG90aGVyIHNlY3JldA==')).rejects.toThrow('No matching signature');
    await expect(webhooks.verify(body, { ...headers, 'webhook-id': undefined }, secret)).rejects.toThrow('Missing');
  });

  it('enforces the timestamp tolerance', async () => {
    const body = JSON.stringify(event);
    const headers = await webhooks.sign(body, secret, { timestamp: 1_000_000 });
    await expect(webhooks.verify(body, headers, secret)).rejects.toThrow('more than 300 s');
    await expect(webhooks.verify(body, headers, secret, { now: 1_000_100_000, tolerance: 200 })).resolves.toEqual(event);
  });

  it('explains that a parsed object is not the raw body', async () => {
    const headers = await webhooks.sign(JSON.stringify(event), secret);
    await expect(webhooks.verify(event as never, headers, secret)).rejects.toThrow(/raw request body/);
  });
});

describe('the webhook secret on the client', () => {
  it('is used when verify and sign get none: webhookSecret, else NAMASKAH_WEBHOOK_SECRET', async () => {
    const client = new Namaskah({ apiKey: 'k', webhookSecret: secret });
    const body = '{"id":"evt_1","type":"balance.low"}';
    const headers = await client.webhooks.sign(body);
    await expect(client.webhooks.verify(body, headers)).resolves.toMatchObject({ type: 'balance.low' });
    const env = process.env;
    try {
      process.env = { ...env, NAMASKAH_WEBHOOK_SECRET: secret };
      await expect(new Namaskah({ apiKey: 'k' }).webhooks.verify(body, headers)).resolves.toMatchObject({ id: 'evt_1' });
      process.env = { ...env, NAMASKAH_WEBHOOK_SECRET: undefined };
      await expect(new Namaskah({ apiKey: 'k' }).webhooks.verify(body, headers)).rejects.toThrow('No webhook secret');
    } finally {
      process.env = env;
    }
  });
});
