import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Accounts, wallet ledger, verifications and idempotency. The invariants that money depends on are
 * constraints, so a bug in the code cannot break them: a balance never goes negative, a verification has
 * at most one debit and at most one refund, a top-up credits at most once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE tiers (
      id text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      discount_percent integer NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
      rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute > 0),
      features jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id text PRIMARY KEY,
      email text NOT NULL,
      password_hash text NOT NULL,
      name text,
      role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'support', 'admin')),
      tier_id text NOT NULL REFERENCES tiers (id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      timezone text NOT NULL DEFAULT 'UTC',
      locale text NOT NULL DEFAULT 'en',
      phone_number text,
      suspended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

    CREATE TABLE wallets (
      user_id text PRIMARY KEY REFERENCES users (id),
      balance_cents bigint NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
      currency text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE top_ups (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      currency text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'expired')),
      provider text NOT NULL,
      provider_reference text,
      checkout_url text NOT NULL,
      return_url text,
      failure_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      completed_at timestamptz
    );

    CREATE TABLE verifications (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      status text NOT NULL CHECK (status IN ('pending', 'completed', 'cancelled', 'expired', 'failed')),
      service text NOT NULL,
      country text NOT NULL,
      area_code text,
      carrier text,
      phone_number text,
      provider_id text NOT NULL,
      provider_ref text,
      price_cents bigint NOT NULL CHECK (price_cents >= 0),
      cost_cents bigint NOT NULL CHECK (cost_cents >= 0),
      currency text NOT NULL,
      code text,
      sms_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      completed_at timestamptz,
      cancelled_at timestamptz,
      refunded boolean NOT NULL DEFAULT false,
      refund_reason text CHECK (refund_reason IN ('cancelled', 'expired', 'failed', 'manual')),
      failure_reason text,
      idempotency_key text,
      reported_at timestamptz,
      report_reason text,
      -- a refund always has a reason, and a completed verification is never refunded automatically
      CHECK (refunded = (refund_reason IS NOT NULL)),
      CHECK (status <> 'completed' OR refund_reason IS NULL OR refund_reason = 'manual'),
      CHECK (status <> 'pending' OR NOT refunded)
    );
    CREATE INDEX verifications_user_created ON verifications (user_id, created_at DESC, id DESC);
    CREATE INDEX verifications_provider_ref ON verifications (provider_id, provider_ref);
    CREATE INDEX verifications_pending_expiry ON verifications (expires_at) WHERE status = 'pending';
    CREATE UNIQUE INDEX verifications_idempotency ON verifications (user_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL;

    CREATE TABLE ledger_entries (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      user_id text NOT NULL REFERENCES users (id),
      kind text NOT NULL CHECK (kind IN ('top_up', 'purchase', 'refund', 'adjustment')),
      amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
      balance_after_cents bigint NOT NULL CHECK (balance_after_cents >= 0),
      currency text NOT NULL,
      reason text,
      verification_id text REFERENCES verifications (id),
      top_up_id text REFERENCES top_ups (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind NOT IN ('purchase', 'refund') OR verification_id IS NOT NULL),
      CHECK (kind <> 'top_up' OR top_up_id IS NOT NULL),
      CHECK (kind = 'adjustment' OR (kind = 'purchase') = (amount_cents < 0)),
      CHECK (kind NOT IN ('adjustment', 'refund') OR reason IS NOT NULL)
    );
    CREATE INDEX ledger_entries_user_seq ON ledger_entries (user_id, seq DESC);
    -- money moves at most once per verification and per top-up, whatever races
    CREATE UNIQUE INDEX ledger_one_purchase_per_verification ON ledger_entries (verification_id) WHERE kind = 'purchase';
    CREATE UNIQUE INDEX ledger_one_refund_per_verification ON ledger_entries (verification_id) WHERE kind = 'refund';
    CREATE UNIQUE INDEX ledger_one_credit_per_top_up ON ledger_entries (top_up_id) WHERE kind = 'top_up';

    CREATE TABLE sms_messages (
      id text PRIMARY KEY,
      verification_id text NOT NULL REFERENCES verifications (id),
      provider_message_id text NOT NULL,
      sender text,
      text text NOT NULL,
      code text,
      received_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (verification_id, provider_message_id)
    );

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      user_agent text,
      ip text NOT NULL,
      client_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoke_reason text
    );
    CREATE INDEX sessions_user ON sessions (user_id, created_at DESC);

    CREATE TABLE refresh_tokens (
      token_hash text PRIMARY KEY,
      session_id text NOT NULL REFERENCES sessions (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE api_keys (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      secret_hash text NOT NULL,
      scopes jsonb NOT NULL,
      allowed_ips jsonb NOT NULL DEFAULT '[]',
      environment text NOT NULL CHECK (environment IN ('live', 'test')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      -- during a rotation's grace period the previous secret still authenticates
      previous_secret_hash text,
      previous_secret_expires_at timestamptz
    );
    CREATE INDEX api_keys_user ON api_keys (user_id, created_at DESC);

    -- a quote holds its price for the caller for a minute: a matching purchase before then pays exactly it
    CREATE TABLE price_quotes (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      tier_id text NOT NULL,
      service text NOT NULL,
      country text NOT NULL,
      area_code text,
      carrier text,
      price_cents bigint NOT NULL CHECK (price_cents >= 0),
      breakdown jsonb NOT NULL,
      quoted_at timestamptz NOT NULL,
      valid_until timestamptz NOT NULL
    );
    CREATE INDEX price_quotes_lookup ON price_quotes (user_id, service, country, valid_until DESC);

    -- payment provider notifications already acted on; a retry of one is acknowledged and ignored
    CREATE TABLE payment_events (
      provider text NOT NULL,
      event_id text NOT NULL,
      top_up_id text NOT NULL REFERENCES top_ups (id),
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider, event_id)
    );

    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
      response_status integer,
      response_headers jsonb,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );
  `,
  );
}
