import { sql, type Selectable, type Kysely } from 'kysely';
import { ulid } from 'ulid';
import { ProviderError } from '../../domain/ports/provider-error.ts';
import type { UpstreamProvider } from '../../domain/ports/upstream-provider.ts';
import { problems } from '../../errors/index.ts';
import type { ProviderSettingsTable } from '../admin-tables.ts';
import type { RuntimeHandles } from '../platform/runtime-handles.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
import type { Database } from '../../storage/database-schema.ts';

const NAMES: Record<string, string> = { simulator: 'Simulator', textverified: 'TextVerified', fivesim: '5sim' };
/** A probe slower than this makes a provider `degraded`. */
const SLOW_PROBE_MS = 2_000;
const PROBE_TIMEOUT_MS = 5_000;

export interface ProviderStatusView {
  id: string;
  slug: string;
  name: string;
  enabled: boolean;
  priority: number;
  status: 'up' | 'degraded' | 'down';
  balance: { amount: number; currency: string } | null;
  success_rate: number | null;
  last_error: { code: 'provider_error' | 'provider_unavailable'; message: string; occurred_at: string } | null;
  updated_at: string;
}

/**
 * Provider status and routing settings. Settings live in `provider_settings` (so they survive restarts
 * and are shared by every node) and are pushed into the registry's routing with `setRouting`.
 */
export class AdminProviders {
  private readonly db: Kysely<Database>;
  private readonly runtime: () => RuntimeHandles;
  private readonly currency: string;
  constructor(db: Kysely<Database>, runtime: () => RuntimeHandles, currency: string) {
    this.db = db;
    this.runtime = runtime;
    this.currency = currency;
  }

  /** The settings row of every configured provider, created on first sight in registration order. */
  async #settings() {
    const { providers } = this.runtime();
    const rows = await this.db.selectFrom('provider_settings').selectAll().execute();
    const known = new Set(rows.map((r) => r.provider));
    const missing = providers.filter((p) => !known.has(p.id));
    if (missing.length) {
      await this.db
        .insertInto('provider_settings')
        .values(missing.map((p) => ({ provider: p.id, id: `prv_${ulid()}`, enabled: true, priority: providers.indexOf(p) + 1 })))
        .onConflict((oc) => oc.column('provider').doNothing())
        .execute();
      return this.db.selectFrom('provider_settings').selectAll().execute();
    }
    return rows;
  }

  /** Pushes the stored settings into the registry (call at start, so a restart keeps the admin's choices). */
  async applyStoredRouting(): Promise<void> {
    const { registry, providers } = this.runtime();
    for (const row of await this.#settings()) {
      if (providers.some((p) => p.id === row.provider)) registry.setRouting(row.provider, { enabled: row.enabled, priority: row.priority });
    }
  }

  async list(): Promise<ProviderStatusView[]> {
    const { providers } = this.runtime();
    const rows = await this.#settings();
    const rates = await this.#successRates();
    const views = await Promise.all(
      providers.map(async (provider) => {
        const row = rows.find((r) => r.provider === provider.id)!;
        return this.#view(provider, row, rates.get(provider.id) ?? null);
      }),
    );
    return views.sort((a, b) => a.priority - b.priority || a.slug.localeCompare(b.slug));
  }

  async update(idOrSlug: string, change: { enabled?: boolean; priority?: number }, audit: Audit): Promise<ProviderStatusView> {
    if (change.enabled === undefined && change.priority === undefined) {
      throw problems.validation([{ field: '/body', code: 'min_properties', message: 'Give `enabled` or `priority`.' }]);
    }
    const rows = await this.#settings();
    const row = rows.find((r) => r.id === idOrSlug || r.provider === idOrSlug);
    const provider = this.runtime().providers.find((p) => p.id === row?.provider);
    if (!row || !provider) throw problems.notFound(`provider ${idOrSlug}`);
    const updated = await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('provider_settings')
        .selectAll()
        .where('provider', '=', row.provider)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const after = await trx
        .updateTable('provider_settings')
        .set({ enabled: change.enabled ?? before.enabled, priority: change.priority ?? before.priority, updated_at: new Date() })
        .where('provider', '=', row.provider)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(
        trx,
        'provider.updated',
        { type: 'provider', id: row.id },
        {
          slug: row.provider,
          before: { enabled: before.enabled, priority: before.priority },
          after: { enabled: after.enabled, priority: after.priority },
        },
      );
      return after;
    });
    this.runtime().registry.setRouting(row.provider, { enabled: updated.enabled, priority: updated.priority });
    return this.#view(provider, updated, (await this.#successRates()).get(provider.id) ?? null);
  }

  /** Completed over finished-and-not-cancelled verifications of the last 24 h, per provider, in bps. */
  async #successRates(): Promise<Map<string, number | null>> {
    const rows = await this.db
      .selectFrom('verifications')
      .select([
        'provider_id',
        sql<number>`count(*) FILTER (WHERE status = 'completed')::int`.as('completed'),
        sql<number>`count(*) FILTER (WHERE status IN ('completed', 'expired', 'failed'))::int`.as('finished'),
      ])
      .where('created_at', '>=', new Date(Date.now() - 24 * 3_600_000))
      .groupBy('provider_id')
      .execute();
    return new Map(rows.map((r) => [r.provider_id, r.finished > 0 ? Math.round((r.completed * 10_000) / r.finished) : null]));
  }

  async #view(provider: UpstreamProvider, row: Selectable<ProviderSettingsTable>, successRate: number | null): Promise<ProviderStatusView> {
    const probe = await this.#probe(provider);
    let lastError = row.last_error_code
      ? { code: row.last_error_code, message: row.last_error_message ?? '', occurred_at: row.last_error_at!.toISOString() }
      : null;
    if (probe.error) {
      lastError = probe.error;
      await this.db
        .updateTable('provider_settings')
        .set({
          last_error_code: probe.error.code as 'provider_error',
          last_error_message: probe.error.message,
          last_error_at: new Date(probe.error.occurred_at),
        })
        .where('provider', '=', row.provider)
        .execute();
    }
    const status = probe.error ? 'down' : (successRate !== null && successRate < 8000) || probe.ms > SLOW_PROBE_MS ? 'degraded' : 'up';
    return {
      id: row.id,
      slug: row.provider,
      name: NAMES[row.provider] ?? row.provider,
      enabled: row.enabled,
      priority: row.priority,
      status,
      balance: probe.balance === null ? null : { amount: probe.balance, currency: this.currency },
      success_rate: successRate,
      last_error: lastError,
      updated_at: row.updated_at.toISOString(),
    };
  }

  /** The balance call doubles as the health probe; the simulator has no balance worth showing. */
  async #probe(provider: UpstreamProvider): Promise<{
    ms: number;
    balance: number | null;
    error: { code: 'provider_error' | 'provider_unavailable'; message: string; occurred_at: string } | null;
  }> {
    const started = Date.now();
    try {
      const balance = await Promise.race([
        provider.balance(),
        new Promise<never>((_, reject) =>
          setTimeout(
            () =>
              reject(new ProviderError('unavailable', `balance probe timed out after ${PROBE_TIMEOUT_MS} ms`, { provider: provider.id })),
            PROBE_TIMEOUT_MS,
          ).unref(),
        ),
      ]);
      return { ms: Date.now() - started, balance: provider.id === 'simulator' ? null : balance, error: null };
    } catch (error) {
      const unavailable = error instanceof ProviderError ? error.code === 'unavailable' : true;
      return {
        ms: Date.now() - started,
        balance: null,
        error: {
          code: unavailable ? 'provider_unavailable' : 'provider_error',
          message: String((error as Error).message).slice(0, 1000),
          occurred_at: new Date().toISOString(),
        },
      };
    }
  }
}
