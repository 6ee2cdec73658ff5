import type { UpstreamProvider } from '../../../domain/ports/upstream-provider.ts';

/** Sends a text message to a phone number through the provider layer. */
export interface SmsSender {
  /** `to` is E.164. Throws when the message could not be handed over, so the delivery is retried. */
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
