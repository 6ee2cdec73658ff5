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

/**
 * Automatic top-ups (`auto_top_up` on the wallet): run off the request path, by the outbox consumer of
 * `balance.low`. The claim row (`auto_top_ups`), the pending top-up and the wallet's
 * `auto_top_up_last_at` are written in ONE transaction, so a crash before the commit leaves nothing and the
 * redelivered event tries again; the claim's primary key (user, period start) allows one per period
 * whatever the number of crossings or workers, and its unique trigger event id makes a replay a no-op.
 * The checkout is opened after the claim is taken and before the wallet row is touched, so a slow
 * payment provider never holds the wallet lock that purchases wait on.
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
    return this.db.transaction().execute(async (trx) => {
      const wallet = await trx
        .selectFrom('wallets')
        .select(['balance_cents', 'low_balance_threshold_cents', 'auto_top_up_enabled', 'auto_top_up_amount_cents', 'auto_top_up_period'])
        .where('user_id', '=', crossing.userId)
        .executeTakeFirst();
      if (!wallet?.auto_top_up_enabled || wallet.auto_top_up_amount_cents === null) return null;
      // topped up in the meantime (by hand, or a refund): nothing to do for this crossing
      if (wallet.balance_cents >= wallet.low_balance_threshold_cents) return null;
      const claimed = await trx
        .insertInto('auto_top_ups')
        .values({
          user_id: crossing.userId,
          period_start: periodStart(new Date(crossing.timestamp), wallet.auto_top_up_period),
          trigger_event_id: crossing.id,
          // set below, in this transaction: a committed claim always names its top-up
          top_up_id: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning(['user_id', 'period_start'])
        .executeTakeFirst();
      if (!claimed) return null;
      const topUp = await this.topUps.create(crossing.userId, wallet.auto_top_up_amount_cents, null, trx);
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
