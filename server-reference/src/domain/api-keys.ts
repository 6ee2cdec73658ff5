import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { ApiError, problems } from '../errors/index.ts';
import { newId } from '../storage/ids.ts';
import { randomLowerAlphanumeric, randomString, sha256 } from './secrets.ts';
import { ipInCidr } from './ip-ranges.ts';
import { KeyUsage } from './api-key-usage.ts';
import { PrincipalLookup, type PrincipalRecord } from './principal-lookup.ts';

import type { ApiKeyRow } from '../storage/rows.ts';

export type { ApiKeyRow };

const KEY_PATTERN = /^(nmk_(live|test)_[a-z0-9]{8})_([A-Za-z0-9]{32})$/;

export interface CreateApiKeyInput {
  name: string;
  environment?: 'live' | 'test';
  scopes: string[];
  expires_at?: string;
  allowed_ips?: string[];
}

/**
 * API keys for programs: `nmk_<env>_<prefix>_<secret>`. The prefix is stored in clear (to find the key
 * and show it), the secret only as a SHA-256 hash (it has 190 bits of entropy, so a slow hash adds
 * nothing). Rotation issues a new secret for the same key and keeps the old one valid for a grace period.
 */
export class ApiKeyService {
  readonly #lookup: PrincipalLookup;
  readonly usage: KeyUsage;

  private readonly db: Kysely<Database>;
  private readonly environment: 'live' | 'test';
  /**
   * `environment`: the server's (API_KEY_ENVIRONMENT); a `test` server mints test keys only. `lookup`: the
   * app's, so keys share its principal cache.
   */
  constructor(db: Kysely<Database>, environment: 'live' | 'test' = 'live', lookup: PrincipalLookup = new PrincipalLookup(db)) {
    this.db = db;
    this.environment = environment;
    this.#lookup = lookup;
    this.usage = new KeyUsage(db);
  }

  /** Creates a key; the secret is returned once and never stored. */
  async create(userId: string, input: CreateApiKeyInput): Promise<{ key: ApiKeyRow; secret: string }> {
    if (input.expires_at && new Date(input.expires_at).getTime() <= Date.now()) {
      throw problems.validation([{ field: '/body/expires_at', code: 'invalid', message: 'must be in the future' }]);
    }
    const environment = input.environment ?? this.environment;
    if (this.environment === 'test' && environment === 'live') {
      throw problems.validation([
        { field: '/body/environment', code: 'enum', message: 'this sandbox server mints test keys only (nmk_test_)' },
      ]);
    }
    const prefix = `nmk_${environment}_${randomLowerAlphanumeric(8)}`;
    const secretPart = randomString(32);
    const key = await this.db
      .insertInto('api_keys')
      .values({
        id: newId('key'),
        user_id: userId,
        name: input.name,
        prefix,
        secret_hash: sha256(secretPart),
        scopes: JSON.stringify([...new Set(input.scopes)]),
        allowed_ips: JSON.stringify(input.allowed_ips ?? []),
        environment,
        expires_at: input.expires_at ? new Date(input.expires_at) : null,
        last_used_at: null,
        revoked_at: null,
        previous_secret_hash: null,
        previous_secret_expires_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, secret: `${prefix}_${secretPart}` };
  }

  async list(userId: string, page: { limit: number; startingAfter?: string }): Promise<ApiKeyRow[]> {
    let query = this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query.execute();
  }

  async get(userId: string, id: string): Promise<ApiKeyRow> {
    const key = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!key) throw problems.notFound(`API key ${id}`);
    return key;
  }

  /** Revokes at once (the previous secret of a rotation too). */
  async revoke(userId: string, id: string): Promise<ApiKeyRow> {
    await this.get(userId, id);
    await this.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return this.get(userId, id);
  }

  /** New secret; the old one keeps working for `graceSeconds` (0 ends it now). */
  async rotate(userId: string, id: string, graceSeconds: number): Promise<{ key: ApiKeyRow; secret: string }> {
    const current = await this.get(userId, id);
    if (current.revoked_at) throw new ApiError('api_key_inactive', 'This API key is revoked and cannot be rotated.');
    const secretPart = randomString(32);
    const key = await this.db
      .updateTable('api_keys')
      .set({
        secret_hash: sha256(secretPart),
        previous_secret_hash: graceSeconds > 0 ? current.secret_hash : null,
        previous_secret_expires_at: graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, secret: `${current.prefix}_${secretPart}` };
  }

  /**
   * Resolves a bearer API key to its owner, its tier and the account's IP allowlist, in one query (see
   * PrincipalLookup). Throws 401 `invalid_api_key` for an unknown, revoked, expired or wrong key, 403
   * `ip_not_allowed` outside the key's networks. The key's `last_used_at` is noted in memory and written
   * by `flushUsage` (see KeyUsage), never on the request path.
   */
  async authenticate(token: string, ip: string): Promise<{ key: ApiKeyRow } & PrincipalRecord> {
    const invalid = () => new ApiError('invalid_api_key', 'The API key is not valid.');
    const match = KEY_PATTERN.exec(token);
    if (!match) throw invalid();
    const [, prefix, , secretPart] = match;
    if (prefix === undefined || secretPart === undefined) throw invalid();
    const found = await this.#lookup.apiKey(prefix);
    const key = found?.key;
    if (!found || !key || key.revoked_at) throw invalid();
    const now = Date.now();
    if (key.expires_at && key.expires_at.getTime() <= now) throw new ApiError('invalid_api_key', 'The API key has expired.');
    const hash = sha256(secretPart);
    const current = hash === key.secret_hash;
    const previous = !current && key.previous_secret_hash === hash && (key.previous_secret_expires_at?.getTime() ?? 0) > now;
    if (!current && !previous) throw invalid();
    if (key.allowed_ips.length > 0 && !key.allowed_ips.some((cidr) => ipInCidr(ip, cidr))) {
      throw new ApiError('ip_not_allowed', `Requests with this key are not allowed from ${ip}.`);
    }
    this.usage.note(key, now);
    return found;
  }

  /** Writes the `last_used_at` noted since the last flush (a timer does it; shutdown and tests call it). */
  flushUsage(): Promise<void> {
    return this.usage.flush();
  }
}
