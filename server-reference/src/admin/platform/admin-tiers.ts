import type { Selectable, Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { TierFeatures, Database } from '../../storage/database-schema.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
type TierRow = Selectable<Database['tiers']>;

/** spec/schemas/tier.yaml */
export const serializeTier = (t: TierRow): Schemas['Tier'] => ({
  id: t.id,
  name: t.name,
  discount_bps: t.discount_bps,
  rate_limit_per_minute: t.rate_limit_per_minute,
  max_active_verifications: t.max_active_verifications,
  features: t.features,
  created_at: t.created_at.toISOString(),
  updated_at: t.updated_at.toISOString(),
});

const snapshot = (t: TierRow) => ({
  discount_bps: t.discount_bps,
  rate_limit_per_minute: t.rate_limit_per_minute,
  max_active_verifications: t.max_active_verifications,
  features: t.features,
});

/** Tiers in ascending discount; cursor is the tier id within that order. */
export async function listTiers(db: Kysely<Database>, page: { limit: number; startingAfter?: string }) {
  const all = await db.selectFrom('tiers').selectAll().orderBy('discount_bps').orderBy('id').execute();
  const start = page.startingAfter ? all.findIndex((t) => t.id === page.startingAfter) + 1 : 0;
  return all.slice(start, start + page.limit + 1);
}

/**
 * Changes a tier for all its accounts at once. The older `discount_percent` column follows the basis
 * points (rounded down) so code still reading it stays close until it reads `discount_bps`.
 */
export async function updateTier(
  db: Kysely<Database>,
  tierId: string,
  change: { discount_bps?: number; rate_limit_per_minute?: number; max_active_verifications?: number | null; features?: TierFeatures },
  audit: Audit,
): Promise<TierRow> {
  if (Object.values(change).every((value) => value === undefined)) {
    throw problems.validation([{ field: '/body', code: 'min_properties', message: 'Give at least one field to change.' }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('tiers').selectAll().where('id', '=', tierId).forUpdate().executeTakeFirst();
    if (!before) throw problems.notFound(`tier ${tierId}`);
    const after = await trx
      .updateTable('tiers')
      .set({
        ...(change.discount_bps !== undefined
          ? { discount_bps: change.discount_bps, discount_percent: Math.floor(change.discount_bps / 100) }
          : {}),
        ...(change.rate_limit_per_minute !== undefined ? { rate_limit_per_minute: change.rate_limit_per_minute } : {}),
        ...(change.max_active_verifications !== undefined ? { max_active_verifications: change.max_active_verifications } : {}),
        ...(change.features !== undefined ? { features: JSON.stringify(change.features) } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', tierId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, 'tier.updated', { type: 'tier', id: tierId }, { before: snapshot(before), after: snapshot(after) });
    return after;
  });
}
