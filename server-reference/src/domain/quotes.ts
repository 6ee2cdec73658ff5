import type { Kysely, Selectable } from 'kysely';
import type { Database, PriceQuotesTable } from '../storage/database-schema.ts';
import type { CatalogService, PurchaseOptions } from './catalog.ts';
import { newId } from '../storage/ids.ts';
import type { PriceBreakdown } from './pricing.ts';
import type { TierRow } from './principal.ts';

export type QuoteRow = Selectable<PriceQuotesTable>;

const QUOTE_VALIDITY_MS = 60_000;

/** Price quotes: the exact charge for a purchase, held for the caller for 60 seconds. */
export class QuoteService {
  private readonly db: Kysely<Database>;
  private readonly catalog: CatalogService;
  constructor(db: Kysely<Database>, catalog: CatalogService) {
    this.db = db;
    this.catalog = catalog;
  }

  async quote(userId: string, tier: TierRow, options: PurchaseOptions): Promise<{ quote: QuoteRow; breakdown: PriceBreakdown }> {
    const { breakdown } = await this.catalog.offer(tier, options);
    const quotedAt = new Date();
    const quote = await this.db
      .insertInto('price_quotes')
      .values({
        id: newId('quo'),
        user_id: userId,
        tier_id: tier.id,
        service: options.service,
        country: options.country,
        area_code: options.areaCode ?? null,
        carrier: options.carrier ?? null,
        price_cents: breakdown.priceCents,
        breakdown: JSON.stringify(breakdown),
        quoted_at: quotedAt,
        valid_until: new Date(quotedAt.getTime() + QUOTE_VALIDITY_MS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { quote, breakdown };
  }
}
