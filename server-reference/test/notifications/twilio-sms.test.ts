import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutboundSmsError } from '../../src/domain/ports/outbound-sms-error.ts';
import { loadOutboundSmsConfig } from '../../src/notifications/channels/sms/outbound-sms-config.ts';
import { TwilioSmsSender, type TwilioSmsConfig } from '../../src/notifications/channels/sms/twilio/twilio-sms-sender.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { startLocalTwilioServer, type LocalTwilioServer } from './support/local-twilio-server.ts';
import { createNotificationTestApp } from './support/notification-test-app.ts';

let twilio: LocalTwilioServer;
beforeAll(async () => {
  twilio = await startLocalTwilioServer();
});
afterAll(async () => {
  await twilio.close();
});
afterEach(() => {
  twilio.accepted.length = 0;
  twilio.requests.length = 0;
  twilio.invalidNumbers.clear();
  twilio.optedOut.clear();
  twilio.rateLimitNext = 0;
  twilio.failNext = 0;
  twilio.retryAfterSeconds = 1;
});

const twilioConfig = (overrides: Partial<TwilioSmsConfig> = {}): TwilioSmsConfig => ({
  accountSid: twilio.accountSid,
  authToken: twilio.authToken,
  from: '+15005550006',
  messagingServiceSid: null,
  apiBase: twilio.apiBase,
  timeoutMs: 5_000,
  maxRateLimitRetries: 2,
  maxRetryWaitMs: 5_000,
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>): Promise<OutboundSmsError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundSmsError);
  return error as OutboundSmsError;
};

describe('Twilio SMS sender against a local Twilio', () => {
  it('posts To, From and Body form-encoded with basic auth to the account Messages.json', async () => {
    await new TwilioSmsSender(twilioConfig()).sendSms('+447700900123', 'Your code is 123456 & more');
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.requests[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(twilio.accepted).toEqual([{ To: '+447700900123', Body: 'Your code is 123456 & more', From: '+15005550006' }]);
  });

  it('a Messaging Service is sent instead of From', async () => {
    await new TwilioSmsSender(twilioConfig({ messagingServiceSid: 'MG0123' })).sendSms('+447700900124', 'hi');
    expect(twilio.accepted).toEqual([{ To: '+447700900124', Body: 'hi', MessagingServiceSid: 'MG0123' }]);
  });

  it('refusals map to failures: 21211 invalid, 21610 opted out (both permanent), 20003 misconfigured, 500 unavailable', async () => {
    twilio.invalidNumbers.add('+15005550001');
    twilio.optedOut.add('+447700900999');
    const sender = new TwilioSmsSender(twilioConfig());
    const invalid = await failureOf(sender.sendSms('+15005550001', 'x'));
    expect([invalid.failure, invalid.permanent]).toEqual(['invalid_recipient', true]);
    expect(invalid.message).toContain('code 21211');
    const optedOut = await failureOf(sender.sendSms('+447700900999', 'x'));
    expect([optedOut.failure, optedOut.permanent]).toEqual(['recipient_opted_out', true]);

    const wrongToken = await failureOf(new TwilioSmsSender(twilioConfig({ authToken: 'wrong-token-value' })).sendSms('+447700900123', 'x'));
    expect([wrongToken.failure, wrongToken.permanent]).toEqual(['misconfigured', false]);
    // no credential in what is thrown (and so in what is logged)
    expect(wrongToken.message).not.toContain('wrong-token-value');
    expect(JSON.stringify({ ...wrongToken, message: wrongToken.message })).not.toContain('wrong-token-value');

    twilio.failNext = 1;
    const outage = await failureOf(sender.sendSms('+447700900123', 'x'));
    expect([outage.failure, outage.permanent]).toEqual(['unavailable', false]);
    // a 500 is not retried here: Twilio may have queued the message
    expect(twilio.requests.filter((r) => r.form.To === '+447700900123')).toHaveLength(2);
    expect(twilio.accepted).toEqual([]);
  });

  it('a 429 (20429) is retried after its Retry-After, and handed to the caller when retries run out', async () => {
    twilio.rateLimitNext = 1;
    const started = Date.now();
    await new TwilioSmsSender(twilioConfig()).sendSms('+447700900123', 'after a wait');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(twilio.requests).toHaveLength(2);
    expect(twilio.accepted).toHaveLength(1);

    twilio.rateLimitNext = 5;
    twilio.retryAfterSeconds = 30;
    const limited = await failureOf(new TwilioSmsSender(twilioConfig()).sendSms('+447700900123', 'too long a wait'));
    expect([limited.failure, limited.retryAfterSeconds]).toEqual(['rate_limited', 30]);
    expect(twilio.accepted).toHaveLength(1);
  });

  it('an unreachable Twilio is unavailable, not a crash', async () => {
    const down = await failureOf(new TwilioSmsSender(twilioConfig({ apiBase: 'http://127.0.0.1:1' })).sendSms('+447700900123', 'x'));
    expect(down.failure).toBe('unavailable');
  });

  it('configuration: the simulator by default; twilio needs its SID, token and a sender; unknown senders refused', () => {
    expect(loadOutboundSmsConfig({})).toEqual({ sender: 'simulator' });
    expect(() => loadOutboundSmsConfig({ SMS_SENDER: 'carrier-pigeon' })).toThrow(/SMS_SENDER must be simulator or twilio/);
    expect(() => loadOutboundSmsConfig({ SMS_SENDER: 'twilio', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1' })).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(() => loadOutboundSmsConfig({ SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_FROM: '+1' })).toThrow(
      /TWILIO_AUTH_TOKEN/,
    );
    expect(() => loadOutboundSmsConfig({ SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' })).toThrow(/TWILIO_FROM/);
    expect(
      loadOutboundSmsConfig({
        SMS_SENDER: 'twilio',
        TWILIO_ACCOUNT_SID: 'AC1',
        TWILIO_AUTH_TOKEN: 't',
        TWILIO_MESSAGING_SERVICE_SID: 'MG1',
      }),
    ).toMatchObject({ sender: 'twilio', twilio: { accountSid: 'AC1', messagingServiceSid: 'MG1', apiBase: 'https://api.twilio.com' } });
  });
});

describe.each(DRIVERS)('SMS sign-in codes through Twilio (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { outboundSms: { sender: 'twilio', twilio: twilioConfig() } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('enrolment texts the code through Twilio, not the simulator, and the code confirms', async () => {
    const user = await server.register();
    const phone = '+447700900321';
    const enable = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: phone },
    });
    expect(enable.status).toBe(200);
    expect(server.simulator.sentSms.filter((m) => m.to === phone)).toEqual([]);
    const sent = twilio.accepted.filter((m) => m.To === phone);
    expect(sent).toHaveLength(1);
    const code = /(\d{6})/.exec(sent[0]!.Body!)![1];
    const confirmed = await server.request('POST', '/v1/security/sms-second-factor/confirm', { token: user.token, body: { code } });
    expect(confirmed.body).toMatchObject({ sms_second_factor_enabled: true });
  });

  it('a number Twilio refuses is a 422 on phone_number, an outage a 503 with Retry-After; neither records anything', async () => {
    const user = await server.register();
    twilio.invalidNumbers.add('+15005550001');
    const invalid = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: '+15005550001' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('validation_failed');
    expect(invalid.body.errors[0]).toMatchObject({ field: '/body/phone_number' });

    twilio.optedOut.add('+447700900555');
    const optedOut = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: '+447700900555' },
    });
    expect(optedOut.status).toBe(422);
    expect(optedOut.body.errors[0].message).toMatch(/STOP/);

    twilio.failNext = 1;
    const outage = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: '+447700900556' },
    });
    expect(outage.status).toBe(503);
    expect(outage.body.code).toBe('provider_unavailable');
    expect(outage.headers.get('retry-after')).toBe('30');
    // nothing was recorded by the refused attempts: the per-minute budget still allows a send at once
    const fine = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: '+447700900557' },
    });
    expect(fine.status).toBe(200);
    const overview = await server.request('GET', '/v1/security', { token: user.token });
    expect(overview.body.sms_second_factor_enabled).toBe(false);
    expect(twilio.accepted.map((m) => m.To)).toEqual(['+447700900557']);
  });
});

describe.each(DRIVERS)('SMS notifications through Twilio (%s)', (driver) => {
  const balanceLow = { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } };

  it('texts through Twilio; an opted-out recipient fails at once, an outage is retried later', async () => {
    const t = await createNotificationTestApp(driver, { deps: { sms: new TwilioSmsSender(twilioConfig()) } });
    try {
      const texted = async (phone: string) => {
        const { token, userId } = await t.user({ phone });
        const patch = await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { channels: ['sms'] } });
        expect(patch.status).toBe(200);
        await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
      };
      await texted('+15555550123');
      expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 1, failed: 0, retried: 0 });
      expect(twilio.accepted).toEqual([expect.objectContaining({ To: '+15555550123', Body: expect.stringContaining('Low balance') })]);

      twilio.optedOut.add('+15555550124');
      await texted('+15555550124');
      expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 0, failed: 1, retried: 0 });
      t.clock.advance(3_600_000);
      expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 0, failed: 0, retried: 0 });

      twilio.failNext = 1;
      await texted('+15555550125');
      expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 0, retried: 1 });
      t.clock.advance(3_600_000);
      expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 1 });
      expect(twilio.accepted.map((m) => m.To)).toEqual(['+15555550123', '+15555550125']);
      const rows = await t.db.selectFrom('notification_deliveries').select(['status', 'last_error']).where('channel', '=', 'sms').execute();
      expect(rows.filter((r) => r.status === 'failed')).toEqual([{ status: 'failed', last_error: expect.stringContaining('21610') }]);
    } finally {
      await t.close();
    }
  });
});
