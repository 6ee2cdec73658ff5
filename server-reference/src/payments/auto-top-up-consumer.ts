import type { AutoTopUpService } from '../domain/auto-top-ups.ts';
import type { EventConsumer } from '../events/index.ts';

/**
 * The outbox consumer that answers `balance.low` with the wallet's automatic top-up, off the request
 * path. Delivery is at least once; the service dedupes by event id and bounds top-ups per period in the
 * database, so a redelivered batch (after a crash or a payment-provider failure) never starts two.
 *
 * @example
 * new OutboxDispatcher({ db, consumers: [autoTopUpConsumer(services.autoTopUps)] });
 */
export function autoTopUpConsumer(autoTopUps: AutoTopUpService): EventConsumer {
  return {
    name: 'auto-top-up',
    async handle(events) {
      for (const event of events) {
        if (event.type === 'balance.low') await autoTopUps.onBalanceLow(event);
      }
    },
  };
}
