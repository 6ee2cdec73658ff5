import type { Kysely, Selectable } from 'kysely';
import type { SomeHandlers } from '../../http/operation-handler.ts';
import { ApiError } from '../../errors/index.ts';
import { json, pageParams, principalOf } from '../../http/routes/respond.ts';
import { decodeCursor, encodeCursor } from '../../serializers/catalog-serializers.ts';
import { page } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { ApiRequestLogTable } from '../analytics-tables.ts';

/** Entries are listed for 30 days (spec/paths/request-logs.yaml). */
const REQUEST_LOG_DAYS = 30;

type Row = Selectable<ApiRequestLogTable>;
type WireEntry = Schemas['RequestLogEntry'];

interface RequestLogQuery {
  limit: number;
  /** The id of the last entry of the previous page (newest-first paging). */
  before?: number;
  afterSequence?: number;
  outcome?: 'succeeded' | 'failed';
  method?: string;
  apiKeyId?: string;
  createdGte?: Date;
  createdLt?: Date;
}

/**
 * A caller's entries through the (user_id, id) index: newest first, or oldest first after a sequence. Only
 * rows with a request id are listed (those recorded before migration 1770 lack what an entry shows), and
 * never the listing's own calls, which a follower (`namaskah logs tail`) would otherwise fill the log with.
 */
function listEntries(db: Kysely<Database>, userId: string, query: RequestLogQuery): Promise<Row[]> {
  let select = db
    .selectFrom('api_request_log')
    .selectAll()
    .where('user_id', '=', userId)
    .where('request_id', 'is not', null)
    .where('operation_id', '!=', 'listRequestLogs')
    .where('created_at', '>=', new Date(Date.now() - REQUEST_LOG_DAYS * 86_400_000));
  if (query.afterSequence !== undefined) select = select.where('id', '>', query.afterSequence);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  if (query.outcome === 'failed') select = select.where('status', '>=', 400);
  if (query.outcome === 'succeeded') select = select.where('status', '<', 400);
  if (query.method) select = select.where('method', '=', query.method);
  if (query.apiKeyId) select = select.where('api_key_id', '=', query.apiKeyId);
  if (query.createdGte) select = select.where('created_at', '>=', query.createdGte);
  if (query.createdLt) select = select.where('created_at', '<', query.createdLt);
  return select
    .orderBy('id', query.afterSequence !== undefined ? 'asc' : 'desc')
    .limit(query.limit + 1)
    .execute();
}

const wireEntry = (row: Row): WireEntry => ({
  request_id: row.request_id!,
  sequence: Number(row.id),
  created_at: row.created_at.toISOString(),
  method: row.method as WireEntry['method'],
  path: row.path ?? row.route,
  operation_id: row.operation_id ?? '',
  status: row.status,
  duration_ms: row.duration_ms,
  api_key_id: row.api_key_id,
  error_code: row.error_code,
});

/** request-logs tag: the caller's own API requests. */
export const requestLogHandlers = {
  async listRequestLogs(c) {
    const params = pageParams(c);
    const { query } = c.get('input');
    let before: number | undefined;
    if (params.startingAfter !== undefined) {
      const key = decodeCursor(params.startingAfter);
      before = key !== null && /^\d+$/.test(key) ? Number(key) : undefined;
      if (before === undefined)
        throw new ApiError('validation_failed', 'starting_after is not a cursor of this list.', {
          errors: [{ field: '/query/starting_after', code: 'invalid', message: 'not a request-log cursor' }],
        });
    }
    const rows = await listEntries(c.get('services').db, principalOf(c).user.id, {
      limit: params.limit,
      before,
      afterSequence: query.after_sequence,
      outcome: query.outcome,
      method: query.method,
      apiKeyId: query.api_key_id,
      createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
      createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (row) => encodeCursor(String(row.id)), wireEntry),
    );
  },
} satisfies SomeHandlers;
