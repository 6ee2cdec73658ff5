import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { PricingRules } from '../../domain/pricing.ts';
import { ApiError, problems, type FieldError } from '../../errors/index.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
import type { Database } from '../../storage/database-schema.ts';

export interface PricingView {
  currency: string;
  markupBps: number;
  areaCodeCents: number;
  carrierCents: number;
  updatedAt: Date;
  updatedBy: string | null;
  tiers: Array<{ id: string; name: string; discount_bps: number }>;
}

export interface NewOverride {
  mode: 'fixed_price' | 'markup';
  service: string;
  country: string;
  tier_id?: string | null;
  price?: { amount: number; currency: string };
  markup_bps?: number;
}

/** The platform's pricing settings and price overrides, as administrators change them. */
export class AdminPricing {
  private readonly db: Kysely<Database>;
  private readonly defaults: PricingRules & { currency: string; installedAt: Date };
  private readonly catalogHas: (service: string, country: string) => Promise<boolean>;
  constructor(
    db: Kysely<Database>,
    defaults: PricingRules & { currency: string; installedAt: Date },
    catalogHas: (service: string, country: string) => Promise<boolean>,
  ) {
    this.db = db;
    this.defaults = defaults;
    this.catalogHas = catalogHas;
  }

  async view(db: Kysely<Database> = this.db): Promise<PricingView> {
    const settings = await db.selectFrom('pricing_settings').selectAll().executeTakeFirst();
    const tiers = await db.selectFrom('tiers').select(['id', 'name', 'discount_bps']).orderBy('discount_bps').orderBy('id').execute();
    return {
      currency: this.defaults.currency,
      markupBps: settings?.default_markup_bps ?? this.defaults.markupBps,
      areaCodeCents: Number(settings?.area_code_surcharge_cents ?? this.defaults.areaCodeSurchargeCents),
      carrierCents: Number(settings?.carrier_surcharge_cents ?? this.defaults.carrierSurchargeCents),
      updatedAt: settings?.updated_at ?? this.defaults.installedAt,
      updatedBy: settings?.updated_by ?? null,
      tiers,
    };
  }

  async update(
    actorId: string,
    change: {
      default_markup_bps?: number;
      surcharges?: { area_code?: { amount: number; currency: string }; carrier?: { amount: number; currency: string } };
    },
    audit: Audit,
  ): Promise<PricingView> {
    const errors: FieldError[] = [];
    if (change.default_markup_bps === undefined && (change.surcharges === undefined || Object.keys(change.surcharges).length === 0)) {
      errors.push({ field: '/body', code: 'min_properties', message: 'Give `default_markup_bps` or `surcharges`.' });
    }
    for (const [name, value] of Object.entries(change.surcharges ?? {})) {
      if (!value) continue;
      if (value.amount < 0)
        errors.push({ field: `/body/surcharges/${name}/amount`, code: 'minimum', message: 'A surcharge cannot be negative.' });
      if (value.currency !== this.defaults.currency)
        errors.push({
          field: `/body/surcharges/${name}/currency`,
          code: 'currency_mismatch',
          message: `Surcharges are in ${this.defaults.currency}.`,
        });
    }
    if (errors.length) throw problems.validation(errors);
    return this.db.transaction().execute(async (trx) => {
      // the singleton row is the lock: concurrent updates apply one after the other
      const before = await this.view(trx);
      const values = {
        default_markup_bps: change.default_markup_bps ?? before.markupBps,
        area_code_surcharge_cents: change.surcharges?.area_code?.amount ?? before.areaCodeCents,
        carrier_surcharge_cents: change.surcharges?.carrier?.amount ?? before.carrierCents,
        updated_at: new Date(),
        updated_by: actorId,
      };
      await trx
        .insertInto('pricing_settings')
        .values({ id: true, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      const after = await this.view(trx);
      await audit(
        trx,
        'pricing.updated',
        { type: 'pricing', id: null },
        {
          before: {
            default_markup_bps: before.markupBps,
            area_code_surcharge: before.areaCodeCents,
            carrier_surcharge: before.carrierCents,
          },
          after: { default_markup_bps: after.markupBps, area_code_surcharge: after.areaCodeCents, carrier_surcharge: after.carrierCents },
        },
      );
      return after;
    });
  }

  async listOverrides(filters: { limit: number; startingAfter?: string; service?: string; country?: string; tierId?: string }) {
    let query = this.db
      .selectFrom('price_overrides')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter) query = query.where('id', '<', filters.startingAfter);
    if (filters.service) query = query.where('service', '=', filters.service);
    if (filters.country) query = query.where('country', '=', filters.country);
    if (filters.tierId) query = query.where('tier_id', '=', filters.tierId);
    return query.execute();
  }

  async createOverride(actorId: string, input: NewOverride, audit: Audit) {
    const errors: FieldError[] = [];
    if (!(await this.catalogHas(input.service, input.country))) {
      errors.push({ field: '/body/service', code: 'unknown', message: `${input.service} is not offered in ${input.country}.` });
    }
    if (input.tier_id && !(await this.db.selectFrom('tiers').select('id').where('id', '=', input.tier_id).executeTakeFirst())) {
      errors.push({ field: '/body/tier_id', code: 'unknown', message: `No tier ${input.tier_id}.` });
    }
    if (input.mode === 'fixed_price') {
      if (input.price!.amount <= 0) errors.push({ field: '/body/price/amount', code: 'minimum', message: 'The price must be positive.' });
      if (input.price!.currency !== this.defaults.currency)
        errors.push({ field: '/body/price/currency', code: 'currency_mismatch', message: `Prices are in ${this.defaults.currency}.` });
    }
    if (errors.length) throw problems.validation(errors);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('price_overrides')
          .values({
            id: `ovr_${ulid()}`,
            service: input.service,
            country: input.country,
            tier_id: input.tier_id ?? null,
            mode: input.mode,
            price_cents: input.mode === 'fixed_price' ? input.price!.amount : null,
            markup_bps: input.mode === 'markup' ? input.markup_bps! : null,
            created_by: actorId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(
          trx,
          'price_override.created',
          { type: 'price_override', id: row.id },
          {
            service: row.service,
            country: row.country,
            tier_id: row.tier_id,
            mode: row.mode,
            price: row.price_cents,
            markup_bps: row.markup_bps,
          },
        );
        return row;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ApiError(
          'price_override_exists',
          `An override for ${input.service} in ${input.country} for ${input.tier_id ?? 'every tier'} exists; delete it first.`,
        );
      throw error;
    }
  }

  async deleteOverride(id: string, audit: Audit): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom('price_overrides').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw problems.notFound(`price override ${id}`);
      await audit(
        trx,
        'price_override.deleted',
        { type: 'price_override', id },
        {
          service: row.service,
          country: row.country,
          tier_id: row.tier_id,
          mode: row.mode,
          price: row.price_cents,
          markup_bps: row.markup_bps,
        },
      );
    });
  }
}
