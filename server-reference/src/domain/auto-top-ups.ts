import type { Kysely } from 'kysely';
import type { AutoTopUpPeriod, Database } from '../storage/database-schema.ts';
import type { TopUpRow, TopUpService } from './top-ups.ts';

/** The `balance.low` event an automatic top-up answers: its id names the crossing, its time the period. */
export interface BalanceLowCrossing {
  id: string;
  userId: string;
  timestamp: string;
}

/** The UTC calendar hour or day an instant falls in: the unit "at most once per" counts in. */
export function periodStart(at: Date, period: AutoTopUpPeriod): Date {
  const start = new Date(at);
  start.setUTCMinutes(0, 0, 0);
  if (period === 'day') start.setUTCHours(0);
  return start;
}

/** The automatic top-up's id for a crossing: the same crossing retried reopens the same checkout. */
const autoTopUpId = (eventId: string): string => `top_auto${eventId.replace(/^evt_/, '').replace(/[^A-Za-z0-9]/g, '')}`;

/**
 * Automatic top-ups (`auto_top_up` on the wallet): run off the request path, by the outbox consumer of
 * `balance.low`. The checkout is opened first, outside any transaction (a slow payment provider never
 * holds a database lock), under an id derived from the event, so a retried crossing reopens the same
 * checkout (adapters pass the id as the provider's idempotency key). Then ONE transaction writes the
 * claim (`auto_top_ups`), the pending top-up and the wallet's `auto_top_up_last_at`: a crash before the
 * commit leaves nothing and the redelivered event tries again; the claim's primary key (user, period
 * start) allows one per period whatever the number of crossings or workers, and its unique trigger
 * event id makes a replay a no-op. A checkout opened by a crossing that loses the claim is never
 * recorded, so nobody is sent to pay it; the provider lets it expire.
 */
export class AutoTopUpService {
  private readonly db: Kysely<Database>;
  private readonly topUps: TopUpService;
  constructor(db: Kysely<Database>, topUps: TopUpService) {
    this.db = db;
    this.topUps = topUps;
  }

  /** Starts the automatic top-up a crossing asks for; null when it is off, already done, or no longer needed. */
  async onBalanceLow(crossing: BalanceLowCrossing): Promise<TopUpRow | null> {
    const wallet = await this.db
      .selectFrom('wallets')
      .select(['balance_cents', 'low_balance_threshold_cents', 'auto_top_up_enabled', 'auto_top_up_amount_cents', 'auto_top_up_period'])
      .where('user_id', '=', crossing.userId)
      .executeTakeFirst();
    if (!wallet?.auto_top_up_enabled || wallet.auto_top_up_amount_cents === null) return null;
    // topped up in the meantime (by hand, or a refund): nothing to do for this crossing
    if (wallet.balance_cents >= wallet.low_balance_threshold_cents) return null;
    const period = periodStart(new Date(crossing.timestamp), wallet.auto_top_up_period);
    // the period already used (the claim below decides; this only spares the provider a checkout)
    const used = await this.db
      .selectFrom('auto_top_ups')
      .select('user_id')
      .where((eb) =>
        eb.or([eb.and([eb('user_id', '=', crossing.userId), eb('period_start', '=', period)]), eb('trigger_event_id', '=', crossing.id)]),
      )
      .executeTakeFirst();
    if (used) return null;
    const opened = await this.topUps.openCheckout(crossing.userId, wallet.auto_top_up_amount_cents, null, autoTopUpId(crossing.id));
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('auto_top_ups')
        // the top-up is inserted next, in this transaction: a committed claim always names it
        .values({ user_id: crossing.userId, period_start: period, trigger_event_id: crossing.id, top_up_id: null })
        .onConflict((oc) => oc.doNothing())
        .returning(['user_id', 'period_start'])
        .executeTakeFirst();
      if (!claimed) return null;
      const topUp = await this.topUps.record(trx, opened);
      await trx
        .updateTable('auto_top_ups')
        .set({ top_up_id: topUp.id })
        .where('user_id', '=', claimed.user_id)
        .where('period_start', '=', claimed.period_start)
        .execute();
      await trx.updateTable('wallets').set({ auto_top_up_last_at: topUp.created_at }).where('user_id', '=', crossing.userId).execute();
      return topUp;
    });
  }
}
