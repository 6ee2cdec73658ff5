import type { Logger } from 'pino';
import type { VerificationService } from '../domain/verifications.ts';
import type { ProviderRegistry } from '../providers/index.ts';

/**
 * Asks pull-only providers (those that do not push through the SmsSink) for the SMS of every verification
 * whose number they still hold (pending, or completed until `expires_at`) and records what is new. Dedupe is the `(verification_id, provider_message_id)`
 * unique key, so polling the same message again, on any node, changes nothing. Returns how many rentals
 * were polled.
 *
 * @example
 * await pollProviderSms(services.providers, services.verifications, { logger });
 */
export async function pollProviderSms(
  providers: ProviderRegistry,
  verifications: VerificationService,
  options: { logger?: Logger; batchSize?: number; concurrency?: number } = {},
): Promise<number> {
  const pullOnly = providers
    .all()
    .filter((provider) => !provider.pushesSms)
    .map((provider) => provider.id);
  const rentals = await verifications.heldRentals(pullOnly, options.batchSize ?? 200);
  const queue = [...rentals];
  const worker = async () => {
    for (let rental = queue.shift(); rental; rental = queue.shift()) {
      const provider = providers.get(rental.provider_id)!;
      try {
        const messages = await provider.fetchSms(rental.provider_ref!);
        for (const sms of messages) await verifications.receiveSms(provider.id, rental.provider_ref!, sms);
      } catch (error) {
        // one provider failing must not stop the others; the next round tries again
        options.logger?.warn({ err: error, verification: rental.id, provider: provider.id }, 'SMS poll failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
  return rentals.length;
}
