import { sql, type Kysely } from 'kysely';
import type { AnalyticsReportType } from '../../contract/index.ts';
import { problems } from '../../errors/index.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange } from '../analytics-params.ts';
import type { SummaryMetrics } from '../queries/summary.ts';
import { summaryChange } from '../queries/summary.ts';
import { singleRow } from '../../storage/single-row.ts';

export type ReportType = AnalyticsReportType;

/** The most rows one export may have. */
const MAX_EXPORT_ROWS = 100_000;
const BATCH = 1_000;

export const COLUMNS: Record<ReportType, string[]> = {
  summary: ['metric', 'value', 'unit', 'currency', 'previous_value', 'change_bps'],
  verifications: [
    'id',
    'created_at',
    'service',
    'country',
    'area_code',
    'carrier',
    'phone_number',
    'status',
    'price_amount',
    'currency',
    'code',
    'sms_count',
    'completed_at',
    'cancelled_at',
    'refunded',
    'refund_reason',
    'time_to_code_ms',
  ],
  ledger: ['id', 'created_at', 'type', 'amount', 'currency', 'balance_after', 'verification_id', 'top_up_id', 'reason'],
};

export type ReportRow = Record<string, string | number | boolean | null>;

const UNIT: Record<string, string> = {
  success_rate_bps: 'bps',
  refund_rate_bps: 'bps',
  time_to_code_avg_ms: 'ms',
  time_to_code_p90_ms: 'ms',
  spend: 'minor_units',
  refunds: 'minor_units',
  net_spend: 'minor_units',
  cost_per_verification: 'minor_units',
  revenue: 'minor_units',
  provider_cost: 'minor_units',
};

/** One row per field of the summary metrics, compared with the previous period. */
export function summaryRows(current: SummaryMetrics, previous: SummaryMetrics, currency: string): ReportRow[] {
  const change = summaryChange(current, previous) as Record<string, number | null>;
  return (Object.keys(current) as Array<keyof SummaryMetrics>).map((metric) => {
    const value = current[metric];
    const before = previous[metric];
    const unit = UNIT[metric] ?? 'count';
    const plain = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { amount: number }).amount : (v as number | null));
    return {
      metric,
      value: plain(value),
      unit,
      currency: unit === 'minor_units' ? currency : null,
      previous_value: plain(before),
      change_bps: metric === 'verifications_pending' || metric === 'verifications_refunded' ? null : (change[metric] ?? null),
    };
  });
}

/** Refuses an export larger than the limit before anything is streamed. */
export async function assertExportSize(
  db: Kysely<Database>,
  report: 'verifications' | 'ledger',
  userId: string,
  range: AnalyticsRange,
): Promise<void> {
  const table = report === 'verifications' ? sql.table('verifications') : sql.table('ledger_entries');
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM ${table} WHERE user_id = ${userId} AND created_at >= ${range.from} AND created_at < ${range.to}`.execute(
    db,
  );
  const { n } = singleRow(rows, 'export row count');
  if (Number(n) > MAX_EXPORT_ROWS) {
    throw problems.validation([
      {
        field: '/query/from',
        code: 'too_many_rows',
        message: `The export has ${n} rows, more than ${MAX_EXPORT_ROWS}; narrow the range.`,
      },
    ]);
  }
}

/** The account's verifications of the range, oldest first, read in keyset batches. */
export async function* verificationRows(db: Kysely<Database>, userId: string, range: AnalyticsRange): AsyncGenerator<ReportRow> {
  let after: { created_at: Date; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('verifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .orderBy('created_at')
      .orderBy('id')
      .limit(BATCH);
    if (after) {
      const cursor = after;
      query = query.where((eb) =>
        eb.or([eb('created_at', '>', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '>', cursor.id)])]),
      );
    }
    const rows = await query.execute();
    for (const v of rows) {
      yield {
        id: v.id,
        created_at: v.created_at.toISOString(),
        service: v.service,
        country: v.country,
        area_code: v.area_code,
        carrier: v.carrier,
        phone_number: v.phone_number,
        status: v.status,
        price_amount: Number(v.price_cents),
        currency: v.currency,
        code: v.code,
        sms_count: v.sms_count,
        completed_at: v.completed_at?.toISOString() ?? null,
        cancelled_at: v.cancelled_at?.toISOString() ?? null,
        refunded: v.refunded,
        refund_reason: v.refund_reason,
        time_to_code_ms: v.completed_at ? v.completed_at.getTime() - v.created_at.getTime() : null,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last;
  }
}

/** The account's ledger entries of the range, oldest first, read in keyset batches. */
export async function* ledgerRows(db: Kysely<Database>, userId: string, range: AnalyticsRange): AsyncGenerator<ReportRow> {
  let afterSeq = 0;
  for (;;) {
    const rows = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('user_id', '=', userId)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const e of rows) {
      yield {
        id: e.id,
        created_at: e.created_at.toISOString(),
        type: e.kind,
        amount: Number(e.amount_cents),
        currency: e.currency,
        balance_after: Number(e.balance_after_cents),
        verification_id: e.verification_id,
        top_up_id: e.top_up_id,
        reason: e.reason,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    afterSeq = Number(last.seq);
  }
}
