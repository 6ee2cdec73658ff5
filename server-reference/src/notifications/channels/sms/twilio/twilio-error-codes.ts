import type { OutboundSmsFailure } from '../../../../domain/ports/outbound-sms-error.ts';

/**
 * Twilio's own error codes (the `code` of its JSON error answer) that say something about the recipient.
 * 21211 invalid 'To', 21614 'To' is not a mobile number, 21612 'To' cannot be reached from the sender,
 * 21408 the region is not enabled on the account, 21610 the recipient replied STOP, 30003/30005/30006
 * unreachable, unknown or landline destination.
 */
const RECIPIENT_CODES: Record<number, OutboundSmsFailure> = {
  21211: 'invalid_recipient',
  21214: 'invalid_recipient',
  21217: 'invalid_recipient',
  21408: 'invalid_recipient',
  21612: 'invalid_recipient',
  21614: 'invalid_recipient',
  30003: 'invalid_recipient',
  30005: 'invalid_recipient',
  30006: 'invalid_recipient',
  21610: 'recipient_opted_out',
};

/** 20003 authentication failed, 20404 no such account (wrong Account SID), 21606/21659 the sender is not ours. */
const CONFIGURATION_CODES = new Set([20003, 20404, 21606, 21659]);

/** 20429 and 14107 are Twilio's "too many requests". */
const RATE_LIMIT_CODES = new Set([20429, 14107]);

/** Classifies a refused request by HTTP status and Twilio code. */
export function twilioFailure(status: number, code: number | null): OutboundSmsFailure {
  if (status === 429 || (code !== null && RATE_LIMIT_CODES.has(code))) return 'rate_limited';
  if (status === 401 || status === 403 || (code !== null && CONFIGURATION_CODES.has(code))) return 'misconfigured';
  if (code !== null && RECIPIENT_CODES[code]) return RECIPIENT_CODES[code];
  if (status >= 500) return 'unavailable';
  return 'rejected';
}
