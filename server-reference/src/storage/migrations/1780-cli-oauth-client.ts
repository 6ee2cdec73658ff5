import { sql, type Kysely } from 'kysely';

/**
 * The `namaskah` CLI as an OAuth client: `namaskah login --browser` runs the authorization-code flow with
 * PKCE and a loopback redirect (RFC 8252 §7.3: registered without a port, any port accepted at the request).
 * It may ask for every scope an API key can hold.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO oauth_clients (id, name, redirect_uris, allowed_scopes) VALUES (
      'oac_namaskahcli',
      'Namaskah CLI',
      '["http://127.0.0.1/callback"]',
      '["verifications:read", "verifications:write", "wallet:read", "wallet:write", "webhooks:read", "webhooks:write", "events:read", "analytics:read", "catalog:read", "notifications:read", "notifications:write"]'
    )
  `.execute(db);
}
