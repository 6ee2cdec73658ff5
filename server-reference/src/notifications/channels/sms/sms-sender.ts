import type { UpstreamProvider } from '../../../domain/ports/upstream-provider.ts';
import type { OutboundSmsConfig } from './outbound-sms-config.ts';
import { TwilioSmsSender } from './twilio/twilio-sms-sender.ts';

/** Sends a text message to a phone number through the provider layer. */
export interface SmsSender {
  /**
   * `to` is E.164. Throws when the message could not be handed over: an `OutboundSmsError` whose
   * `permanent` failures are not retried, anything else is.
   */
  sendSms(to: string, text: string): Promise<void>;
}

/**
 * The SMS sender of the first provider that can send (`UpstreamProvider.sendSms`: the simulator records
 * what it "sends"), or null when none can: the `sms` channel is then skipped.
 *
 * @example
 * createNotificationModule({ ..., sms: smsSenderFromProviders(services.providers.all()) });
 */
export function smsSenderFromProviders(providers: readonly UpstreamProvider[]): SmsSender | null {
  const provider = providers.find((p) => typeof p.sendSms === 'function');
  return provider ? { sendSms: (to, text) => provider.sendSms!(to, text) } : null;
}

/**
 * The sender outbound SMS go through, as configured (`SMS_SENDER`): Twilio, or by default the provider
 * layer (`smsSenderFromProviders`).
 *
 * @example
 * const sms = selectSmsSender(loadOutboundSmsConfig(process.env), services.providers.all());
 */
export function selectSmsSender(
  config: OutboundSmsConfig,
  providers: readonly UpstreamProvider[],
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): SmsSender | null {
  return config.sender === 'twilio' ? new TwilioSmsSender(config.twilio, fetchImpl) : smsSenderFromProviders(providers);
}
