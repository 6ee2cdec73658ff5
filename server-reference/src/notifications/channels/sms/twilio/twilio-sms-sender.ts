import { setTimeout as sleep } from 'node:timers/promises';
import { OutboundSmsError } from '../../../../domain/ports/outbound-sms-error.ts';
import { retryAfterMs } from '../../../../providers/index.ts';
import type { SmsSender } from '../sms-sender.ts';
import { twilioFailure } from './twilio-error-codes.ts';

/** Credentials and sender of a Twilio account. Exactly one of `from` and `messagingServiceSid` is used (the service wins). */
export interface TwilioSmsConfig {
  accountSid: string;
  authToken: string;
  /** E.164 number or alphanumeric sender id the messages come from. */
  from: string | null;
  /** `MG...`: a Messaging Service picks the sender from its pool. */
  messagingServiceSid: string | null;
  /** `https://api.twilio.com` unless a test points it elsewhere. */
  apiBase: string;
  /** Deadline of one request, in milliseconds. */
  timeoutMs: number;
  /** Further attempts after a 429 (Twilio did not take the message, so asking again cannot send it twice). */
  maxRateLimitRetries: number;
  /** Longest wait before such a retry, in milliseconds; a longer `Retry-After` is handed to the caller instead. */
  maxRetryWaitMs: number;
}

/** Twilio's JSON error answer (https://www.twilio.com/docs/usage/twilios-response). */
interface TwilioErrorBody {
  code?: number;
  message?: string;
  status?: number;
}

/**
 * Sends text messages through Twilio's Programmable Messaging REST API: `POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`, `Body` and `From` or
 * `MessagingServiceSid`, HTTP basic auth `AccountSid:AuthToken`. A 201 means Twilio queued the message.
 * Refusals become `OutboundSmsError`s (invalid or opted-out recipient, rate limit, bad credentials,
 * outage); a 429 is retried here after its `Retry-After`. Nothing thrown or logged carries the token.
 *
 * @example
 * const sms = new TwilioSmsSender({ accountSid: 'AC...', authToken, from: '+15005550006', messagingServiceSid: null, apiBase: 'https://api.twilio.com', timeoutMs: 10_000, maxRateLimitRetries: 2, maxRetryWaitMs: 5_000 });
 * await sms.sendSms('+447700900123', 'Your code is 123456');
 */
export class TwilioSmsSender implements SmsSender {
  private readonly config: TwilioSmsConfig;
  private readonly fetch: typeof globalThis.fetch;
  constructor(config: TwilioSmsConfig, fetchImpl: typeof globalThis.fetch = globalThis.fetch) {
    if (!config.from && !config.messagingServiceSid) throw new Error('Twilio needs a sender: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
    this.config = config;
    this.fetch = fetchImpl;
  }

  async sendSms(to: string, text: string): Promise<void> {
    const form = new URLSearchParams({ To: to, Body: text });
    if (this.config.messagingServiceSid) form.set('MessagingServiceSid', this.config.messagingServiceSid);
    else form.set('From', this.config.from!);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#post(form);
        return;
      } catch (error) {
        const waitMs = this.#retryWaitMs(error, attempt);
        if (waitMs === null) throw error;
        await sleep(waitMs);
      }
    }
  }

  /** How long to wait before asking again after `error`, or null to give up and throw it. */
  #retryWaitMs(error: unknown, attempt: number): number | null {
    if (!(error instanceof OutboundSmsError) || error.failure !== 'rate_limited' || attempt >= this.config.maxRateLimitRetries) return null;
    const waitMs = error.retryAfterSeconds === null ? 250 * 2 ** attempt : error.retryAfterSeconds * 1000;
    return waitMs <= this.config.maxRetryWaitMs ? waitMs : null;
  }

  async #post(form: URLSearchParams): Promise<void> {
    const { accountSid, authToken, apiBase, timeoutMs } = this.config;
    const url = `${apiBase.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new OutboundSmsError('unavailable', `Twilio could not be reached: ${(error as Error).name}`);
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const body = await response
      .json()
      .then((value) => value as TwilioErrorBody)
      .catch(() => ({}) as TwilioErrorBody);
    const code = typeof body.code === 'number' ? body.code : null;
    const retryAfter = retryAfterMs(response.headers, Date.now());
    const failure = twilioFailure(response.status, code);
    const detail = body.message ? `: ${body.message.slice(0, 200)}` : '';
    throw new OutboundSmsError(
      failure,
      `Twilio refused the message (HTTP ${response.status}${code === null ? '' : `, code ${code}`})${detail}`,
      retryAfter === undefined ? null : retryAfter / 1000,
    );
  }
}
