import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Administration: the suspension reason on accounts, tier discounts in basis points, the platform's
 * pricing settings and price overrides (read by pricing on every quote, so a change is effective at
 * once), provider routing settings, manual refund records, announcements and the error log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE users ADD COLUMN IF NOT EXISTS suspension_reason text;
    CREATE INDEX IF NOT EXISTS users_created ON users (created_at DESC, id DESC);

    ALTER TABLE tiers ADD COLUMN IF NOT EXISTS discount_bps integer;
    UPDATE tiers SET discount_bps = discount_percent * 100 WHERE discount_bps IS NULL;
    ALTER TABLE tiers ALTER COLUMN discount_bps SET NOT NULL;
    -- tiers inserted with only the older percent column (the seed) get the same discount in basis points
    CREATE FUNCTION tiers_fill_discount_bps() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.discount_bps IS NULL THEN NEW.discount_bps := NEW.discount_percent * 100; END IF; RETURN NEW; END $$;
    CREATE TRIGGER tiers_fill_discount_bps BEFORE INSERT ON tiers FOR EACH ROW EXECUTE FUNCTION tiers_fill_discount_bps();
    ALTER TABLE tiers ADD CONSTRAINT tiers_discount_bps_range CHECK (discount_bps BETWEEN 0 AND 10000);

    -- one row at most: absent while the installation defaults (configuration) are in force
    CREATE TABLE pricing_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      default_markup_bps integer NOT NULL CHECK (default_markup_bps BETWEEN 10000 AND 100000),
      area_code_surcharge_cents bigint NOT NULL CHECK (area_code_surcharge_cents >= 0),
      carrier_surcharge_cents bigint NOT NULL CHECK (carrier_surcharge_cents >= 0),
      updated_at timestamptz NOT NULL,
      updated_by text REFERENCES users (id)
    );

    CREATE TABLE price_overrides (
      id text PRIMARY KEY,
      service text NOT NULL,
      country text NOT NULL,
      tier_id text REFERENCES tiers (id),
      mode text NOT NULL CHECK (mode IN ('fixed_price', 'markup')),
      price_cents bigint CHECK (price_cents > 0),
      markup_bps integer CHECK (markup_bps BETWEEN 10000 AND 100000),
      created_by text NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((mode = 'fixed_price') = (price_cents IS NOT NULL)),
      CHECK ((mode = 'markup') = (markup_bps IS NOT NULL))
    );
    -- one override per service, country and tier (the all-tier one included)
    CREATE UNIQUE INDEX price_overrides_one_per_key ON price_overrides (service, country, coalesce(tier_id, ''));

    CREATE TABLE provider_settings (
      provider text PRIMARY KEY,
      id text NOT NULL UNIQUE,
      enabled boolean NOT NULL DEFAULT true,
      priority integer NOT NULL CHECK (priority BETWEEN 1 AND 1000),
      last_error_code text,
      last_error_message text,
      last_error_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- who issued a manual refund and why; the ledger entry itself is the refund (at most one per verification)
    CREATE TABLE manual_refunds (
      ledger_entry_id text PRIMARY KEY REFERENCES ledger_entries (id),
      verification_id text NOT NULL UNIQUE REFERENCES verifications (id),
      refunded_by text NOT NULL REFERENCES users (id),
      admin_reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ledger_refunds_created ON ledger_entries (seq DESC) WHERE kind = 'refund';

    CREATE TABLE announcements (
      id text PRIMARY KEY,
      title text NOT NULL,
      body text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      audience text NOT NULL,
      recipient_count integer NOT NULL,
      published_by text NOT NULL REFERENCES users (id),
      published_at timestamptz NOT NULL,
      expires_at timestamptz
    );
    CREATE INDEX announcements_published ON announcements (published_at DESC, id DESC);

    CREATE TABLE error_log (
      id text PRIMARY KEY,
      request_id text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      status integer NOT NULL CHECK (status BETWEEN 500 AND 599),
      code text NOT NULL,
      message text NOT NULL,
      stack text,
      user_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX error_log_created ON error_log (created_at DESC, id DESC);
  `,
  );
}
