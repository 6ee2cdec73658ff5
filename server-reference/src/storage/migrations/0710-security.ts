import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Second factors (TOTP, SMS), recovery codes, sign-in challenges and the account IP allowlist. Secrets are
 * never stored in clear: TOTP seeds are sealed with AES-256-GCM, codes and challenge tokens are keyed hashes.
 * `totp_last_step` is the replay guard: a code is accepted only for a later 30-second step than the last
 * one used, by a conditional UPDATE, so two concurrent requests cannot both use one code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE second_factors (
      user_id text PRIMARY KEY REFERENCES users (id),
      totp_secret_sealed text,
      totp_enabled_at timestamptz,
      totp_last_step bigint NOT NULL DEFAULT 0,
      pending_totp_secret_sealed text,
      pending_totp_expires_at timestamptz,
      pending_totp_attempts integer NOT NULL DEFAULT 0,
      sms_phone text,
      sms_enabled_at timestamptz,
      pending_sms_phone text,
      pending_sms_code_hash text,
      pending_sms_expires_at timestamptz,
      pending_sms_attempts integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((totp_secret_sealed IS NULL) = (totp_enabled_at IS NULL)),
      CHECK ((sms_phone IS NULL) = (sms_enabled_at IS NULL))
    );

    -- every second-factor SMS sent, for the per-account send limits (1 a minute, 5 an hour)
    CREATE TABLE second_factor_sms_sends (
      id bigserial PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      purpose text NOT NULL CHECK (purpose IN ('enrolment', 'login')),
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX second_factor_sms_sends_user ON second_factor_sms_sends (user_id, sent_at DESC);

    CREATE TABLE recovery_codes (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz,
      UNIQUE (user_id, code_hash)
    );

    CREATE TABLE login_challenges (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      methods jsonb NOT NULL,
      sms_code_hash text,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX login_challenges_user ON login_challenges (user_id, created_at DESC);

    CREATE TABLE ip_allowlist_entries (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      cidr text NOT NULL,
      label text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, cidr)
    );
    CREATE INDEX ip_allowlist_entries_user ON ip_allowlist_entries (user_id, id DESC);
  `,
  );
}
