/** Why an outbound SMS was not handed over. */
export type OutboundSmsFailure =
  /** The number cannot receive it (malformed, not a mobile number, region not enabled): sending again will not help. */
  | 'invalid_recipient'
  /** The recipient replied STOP to our sender: nothing reaches them until they reply START. */
  | 'recipient_opted_out'
  /** The gateway refused the request for another reason of its own (bad sender, body too long, ...). */
  | 'rejected'
  /** The gateway asked us to slow down; `retryAfterSeconds` says when to try again when it said so. */
  | 'rate_limited'
  /** The gateway refused our credentials: an operator must fix the configuration. */
  | 'misconfigured'
  /** The gateway failed or could not be reached. */
  | 'unavailable';

const PERMANENT: ReadonlySet<OutboundSmsFailure> = new Set(['invalid_recipient', 'recipient_opted_out', 'rejected']);

/**
 * Thrown by an SMS sender (the Twilio adapter) when a message was not accepted. `permanent` failures
 * concern this message or this recipient and are not retried; the others may succeed later. The message
 * names the gateway's own error code and never a credential.
 *
 * @example
 * throw new OutboundSmsError('invalid_recipient', "Twilio 21211: The 'To' number is not a valid phone number.");
 */
export class OutboundSmsError extends Error {
  readonly failure: OutboundSmsFailure;
  readonly retryAfterSeconds: number | null;
  constructor(failure: OutboundSmsFailure, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'OutboundSmsError';
    this.failure = failure;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whether sending the same message again can never succeed. */
  get permanent(): boolean {
    return PERMANENT.has(this.failure);
  }
}
