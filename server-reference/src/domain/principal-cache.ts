import { onCommittedWrite } from '../storage/commit-signal.ts';

/** The tables a principal is read from (PrincipalLookup): a committed write to any of them empties every cache. */
const PRINCIPAL_TABLES = ['sessions', 'api_keys', 'users', 'tiers', 'ip_allowlist_entries'] as const;

/** Bumped after each commit that wrote a principal table in this process; entries of an older generation are stale. */
let generation = 0;
onCommittedWrite(PRINCIPAL_TABLES, () => {
  generation++;
});

/** Beyond this many credentials the cache starts over (a bound on memory, not an eviction policy). */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: Promise<T>;
  generation: number;
  expiresAt: number;
}

/**
 * The principals of recent credentials, so an authenticated request costs its own query and not also the
 * principal's (issue 13). Correctness first:
 * - in this process, a committed write to a principal table (a session revoked, a key revoked or rotated,
 *   a user suspended or re-tiered, an allowlist changed) invalidates every entry before the writer's
 *   response is sent, and a lookup that began before that commit is not kept;
 * - a write by another node is seen within `ttlMs` (PRINCIPAL_CACHE_TTL_MS), the stated bound.
 * Concurrent requests of one credential share one lookup. Values are frozen: requests share them.
 *
 * @example
 * const cache = new PrincipalCache<Row | null>(1000);
 * const row = await cache.get(`key:${prefix}`, () => readRow(prefix));
 */
export class PrincipalCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  private readonly ttlMs: number;
  /** `ttlMs` 0 disables the cache (every call loads). */
  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const cached = this.#entries.get(key);
    if (cached && cached.generation === generation && cached.expiresAt > now) return cached.value;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const entry: Entry<T> = { value: load().then(deepFreeze), generation, expiresAt: now + this.ttlMs };
    this.#entries.set(key, entry);
    // a failed lookup is not remembered, and neither is one that a commit overtook (its rows may predate it)
    entry.value.then(
      () => {
        if (entry.generation !== generation && this.#entries.get(key) === entry) this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
