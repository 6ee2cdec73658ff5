import { sql, type Kysely } from 'kysely';

/**
 * Issue 17 item 5. Tiers cap the verifications an account holds `pending` at once (null: no cap; the
 * default tiers get the seed's caps). Wallets carry the owner's `balance.low` threshold (500 cents, the
 * constant it replaces) and the automatic top-up's settings. `auto_top_ups` records each automatic
 * top-up started: its primary key (the user and the UTC calendar hour or day it fell in) is what bounds
 * them to one per period, and the unique trigger event id makes a redelivered `balance.low` a no-op.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tiers ADD COLUMN max_active_verifications integer
      CHECK (max_active_verifications IS NULL OR max_active_verifications >= 1)
  `.execute(db);
  await sql`
    UPDATE tiers SET max_active_verifications = CASE id WHEN 'tier_basic' THEN 50 WHEN 'tier_pro' THEN 200 END
  `.execute(db);
  await sql`
    ALTER TABLE wallets
      ADD COLUMN low_balance_threshold_cents bigint NOT NULL DEFAULT 500 CHECK (low_balance_threshold_cents >= 0),
      ADD COLUMN auto_top_up_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN auto_top_up_amount_cents bigint CHECK (auto_top_up_amount_cents > 0),
      ADD COLUMN auto_top_up_period text NOT NULL DEFAULT 'day' CHECK (auto_top_up_period IN ('hour', 'day')),
      ADD COLUMN auto_top_up_last_at timestamptz,
      ADD CONSTRAINT wallets_auto_top_up_amount CHECK (NOT auto_top_up_enabled OR auto_top_up_amount_cents IS NOT NULL)
  `.execute(db);
  await sql`
    CREATE TABLE auto_top_ups (
      user_id text NOT NULL REFERENCES users (id),
      period_start timestamptz NOT NULL,
      trigger_event_id text NOT NULL UNIQUE,
      top_up_id text REFERENCES top_ups (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, period_start)
    )
  `.execute(db);
}
