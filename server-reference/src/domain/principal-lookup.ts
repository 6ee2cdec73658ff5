import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { PrincipalCache } from './principal-cache.ts';
import type { ApiKeyRow } from './api-keys.ts';
import type { TierRow, UserRow } from './principal.ts';

/** Every column of a row type, so a column added to the table and not here fails to compile. */
type Columns<Row> = Record<keyof Row, true>;

const TIER_COLUMNS: Columns<TierRow> = {
  id: true,
  name: true,
  discount_percent: true,
  discount_bps: true,
  rate_limit_per_minute: true,
  max_active_verifications: true,
  features: true,
  created_at: true,
  updated_at: true,
};
const API_KEY_COLUMNS: Columns<ApiKeyRow> = {
  id: true,
  user_id: true,
  name: true,
  prefix: true,
  secret_hash: true,
  scopes: true,
  allowed_ips: true,
  environment: true,
  created_at: true,
  expires_at: true,
  last_used_at: true,
  revoked_at: true,
  previous_secret_hash: true,
  previous_secret_expires_at: true,
};

/** `table.column as prefix_column` for each column: the joined tables share names (id, name, created_at). */
const aliased = <Row>(table: string, columns: Columns<Row>, prefix: string) =>
  Object.keys(columns).map((column) => sql.ref(`${table}.${column}`).as(`${prefix}${column}`));

const unaliased = <Row>(row: Record<string, unknown>, columns: Columns<Row>, prefix: string): Row =>
  Object.fromEntries(Object.keys(columns).map((column) => [column, row[`${prefix}${column}`]])) as Row;

/** The account's IP allowlist (CIDRs) as one JSON array, [] when it has none. */
const allowlistOf = sql<
  string[]
>`(select coalesce(jsonb_agg(cidr), '[]'::jsonb) from ip_allowlist_entries where ip_allowlist_entries.user_id = users.id)`;

/** What one authenticated request needs to know about its caller, read in one query. */
export interface PrincipalRecord {
  user: UserRow;
  tier: TierRow;
  /** The account's IP allowlist; empty means every address. */
  allowlist: string[];
}

/** A session's principal, with what the caller needs to judge whether the session is live. */
export type SessionPrincipal = PrincipalRecord & { session: { revoked_at: Date | null; expires_at: Date } };

/** An API key's principal, with the key (its hashes, scopes, expiry and networks). */
export type ApiKeyPrincipal = PrincipalRecord & { key: ApiKeyRow };

/**
 * Loads everything authentication needs in ONE round trip: the credential (a session, or an API key),
 * its user, the user's tier and the account's IP allowlist. Reads never write here: an authenticated read
 * costs this query and its own, and with `cacheTtlMs` (PRINCIPAL_CACHE_TTL_MS) only its own while the
 * credential's principal is cached (see PrincipalCache for when a change is seen).
 *
 * @example
 * const found = await new PrincipalLookup(db, { cacheTtlMs: 1000 }).session(claims.sessionId, claims.userId);
 */
export class PrincipalLookup {
  readonly #sessions: PrincipalCache<SessionPrincipal | null>;
  readonly #apiKeys: PrincipalCache<ApiKeyPrincipal | null>;

  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>, options: { cacheTtlMs?: number } = {}) {
    this.db = db;
    this.#sessions = new PrincipalCache(options.cacheTtlMs ?? 0);
    this.#apiKeys = new PrincipalCache(options.cacheTtlMs ?? 0);
  }

  /** The session's owner when the session exists (live or not: the caller judges `revoked_at` / `expires_at`). */
  session(sessionId: string, userId: string): Promise<SessionPrincipal | null> {
    return this.#sessions.get(`${sessionId}:${userId}`, () => this.#readSession(sessionId, userId));
  }

  /** The API key with this prefix and its owner, or null when there is none. */
  apiKey(prefix: string): Promise<ApiKeyPrincipal | null> {
    return this.#apiKeys.get(prefix, () => this.#readApiKey(prefix));
  }

  async #readSession(sessionId: string, userId: string): Promise<SessionPrincipal | null> {
    const row = (await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('tiers', 'tiers.id', 'users.tier_id')
      .selectAll('users')
      .select(aliased('tiers', TIER_COLUMNS, 'tier__'))
      .select(['sessions.revoked_at as session__revoked_at', 'sessions.expires_at as session__expires_at', allowlistOf.as('allowlist__')])
      .where('sessions.id', '=', sessionId)
      .where('sessions.user_id', '=', userId)
      .executeTakeFirst()) as Record<string, unknown> | undefined;
    if (!row) return null;
    return {
      ...this.#principal(row),
      session: { revoked_at: row.session__revoked_at as Date | null, expires_at: row.session__expires_at as Date },
    };
  }

  async #readApiKey(prefix: string): Promise<ApiKeyPrincipal | null> {
    const row = (await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .innerJoin('tiers', 'tiers.id', 'users.tier_id')
      .selectAll('users')
      .select(aliased('tiers', TIER_COLUMNS, 'tier__'))
      .select(aliased('api_keys', API_KEY_COLUMNS, 'key__'))
      .select(allowlistOf.as('allowlist__'))
      .where('api_keys.prefix', '=', prefix)
      .executeTakeFirst()) as Record<string, unknown> | undefined;
    if (!row) return null;
    return { ...this.#principal(row), key: unaliased<ApiKeyRow>(row, API_KEY_COLUMNS, 'key__') };
  }

  #principal(row: Record<string, unknown>): PrincipalRecord {
    const user = Object.fromEntries(Object.entries(row).filter(([column]) => !column.includes('__'))) as unknown as UserRow;
    return { user, tier: unaliased<TierRow>(row, TIER_COLUMNS, 'tier__'), allowlist: row.allowlist__ as string[] };
  }
}
