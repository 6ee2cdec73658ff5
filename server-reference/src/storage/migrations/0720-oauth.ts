import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * OAuth 2.0 public clients (authorization code + PKCE), their single-use codes, and the scopes of OAuth
 * sessions: an OAuth grant is a session with a `client_id`, so refresh-token rotation, reuse detection and
 * revocation are the ones of password sessions. The first-party mobile app is registered here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE oauth_clients (
      id text PRIMARY KEY,
      name text NOT NULL,
      redirect_uris jsonb NOT NULL,
      allowed_scopes jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE oauth_authorization_codes (
      code_hash text PRIMARY KEY,
      client_id text NOT NULL REFERENCES oauth_clients (id),
      user_id text NOT NULL REFERENCES users (id),
      redirect_uri text NOT NULL,
      code_challenge text NOT NULL,
      scopes jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      -- the session the exchange created; revoked if the code is ever presented again (RFC 6749 4.1.2)
      session_id text REFERENCES sessions (id)
    );

    ALTER TABLE sessions ADD COLUMN scopes jsonb;

    INSERT INTO oauth_clients (id, name, redirect_uris, allowed_scopes) VALUES (
      'oac_namaskahmobile',
      'Namaskah mobile app',
      '["com.namaskah.app:/oauth/callback", "https://app.namaskah.dev/oauth/callback"]',
      '["verifications:read", "verifications:write", "wallet:read", "catalog:read", "notifications:read", "notifications:write", "events:read"]'
    );
  `,
  );
}
