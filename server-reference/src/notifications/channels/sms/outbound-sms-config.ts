import { readSettings } from '../../../config-settings.ts';
import type { TwilioSmsConfig } from './twilio/twilio-sms-sender.ts';
import { OUTBOUND_SMS_SETTINGS } from './outbound-sms-settings.ts';

/** Which sender outbound SMS go through; `twilio` carries its account. */
export type OutboundSmsConfig = { sender: 'simulator' } | { sender: 'twilio'; twilio: TwilioSmsConfig };

/**
 * Reads `OUTBOUND_SMS_SETTINGS` from `env`. `SMS_SENDER=twilio` without an account SID, a token or a
 * sender refuses to start, naming the missing setting.
 *
 * @example
 * const outboundSms = loadOutboundSmsConfig(process.env);
 */
export function loadOutboundSmsConfig(env: NodeJS.ProcessEnv = process.env): OutboundSmsConfig {
  const read = readSettings(OUTBOUND_SMS_SETTINGS, env);
  if (read.sender === 'simulator') return { sender: 'simulator' };
  if (!read.twilioAccountSid) throw new Error('SMS_SENDER=twilio needs TWILIO_ACCOUNT_SID');
  if (!read.twilioAuthToken) throw new Error('SMS_SENDER=twilio needs TWILIO_AUTH_TOKEN');
  if (!read.twilioFrom && !read.twilioMessagingServiceSid)
    throw new Error('SMS_SENDER=twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  return {
    sender: 'twilio',
    twilio: {
      accountSid: read.twilioAccountSid,
      authToken: read.twilioAuthToken,
      from: read.twilioFrom,
      messagingServiceSid: read.twilioMessagingServiceSid,
      apiBase: read.twilioApiBase,
      timeoutMs: read.twilioTimeoutMs,
      // sign-in codes are sent while their request waits (and inside its transaction): wait briefly, once
      maxRateLimitRetries: 1,
      maxRetryWaitMs: 2_000,
    },
  };
}
