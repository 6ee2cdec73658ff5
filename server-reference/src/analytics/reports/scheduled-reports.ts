import type { Selectable, Kysely } from 'kysely';
import { ulid } from 'ulid';
import { appendAudit } from '../../domain/audit-log.ts';
import type { ClientInfo, Principal } from '../../domain/principal.ts';
import { ApiError, problems } from '../../errors/index.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { ScheduledReportsTable } from '../analytics-tables.ts';
import { zoneOf } from '../analytics-params.ts';
import { nextRunAt } from './report-schedule.ts';
import type { Database } from '../../storage/database-schema.ts';

export type ScheduledReportRow = Selectable<ScheduledReportsTable>;

/** The most scheduled reports one account may have. */
const MAX_REPORTS_PER_ACCOUNT = 20;

export interface NewScheduledReport {
  name: string;
  report: 'summary' | 'verifications' | 'ledger';
  format: 'csv' | 'pdf';
  scope?: 'me' | 'platform';
  frequency: 'daily' | 'weekly';
  day_of_week?: number;
  hour_of_day?: number;
  timezone?: string;
  recipients: string[];
}

/** spec/schemas/scheduled-report.yaml */
export const serializeScheduledReport = (r: ScheduledReportRow): Schemas['ScheduledReport'] => ({
  id: r.id,
  name: r.name,
  report: r.report,
  format: r.format,
  scope: r.scope,
  frequency: r.frequency,
  day_of_week: r.day_of_week,
  hour_of_day: r.hour_of_day,
  timezone: r.timezone,
  recipients: r.recipients,
  next_run_at: r.next_run_at.toISOString(),
  last_run_at: r.last_run_at?.toISOString() ?? null,
  last_run_status: r.last_run_status,
  created_at: r.created_at.toISOString(),
});

/** An account's scheduled reports: create, list, read, delete. Another account's report is a 404. */
export class ScheduledReports {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async create(principal: Principal, input: NewScheduledReport, client: ClientInfo): Promise<ScheduledReportRow> {
    const scope = input.scope ?? 'me';
    const errors = [];
    if (input.frequency === 'weekly' && input.day_of_week === undefined)
      errors.push({ field: '/body/day_of_week', code: 'required', message: 'Weekly reports need `day_of_week`.' });
    if (input.frequency === 'daily' && input.day_of_week !== undefined)
      errors.push({ field: '/body/day_of_week', code: 'not_allowed', message: 'Daily reports take no `day_of_week`.' });
    if (scope === 'platform' && input.report !== 'summary')
      errors.push({ field: '/body/scope', code: 'scope', message: 'Only the summary report can cover the platform.' });
    const lowered = input.recipients.map((r) => r.toLowerCase());
    if (lowered.length < 1 || lowered.length > 10 || new Set(lowered).size !== lowered.length) {
      errors.push({ field: '/body/recipients', code: 'invalid', message: 'Give 1 to 10 distinct addresses.' });
    }
    if (errors.length) throw problems.validation(errors);
    const timezone = zoneOf(input.timezone ?? principal.user.timezone, '/body/timezone');
    if (scope === 'platform' && principal.user.role === 'user')
      throw problems.forbidden('The platform scope requires the support or admin role.');
    const hourOfDay = input.hour_of_day ?? 8;
    return this.db.transaction().execute(async (trx) => {
      // the account row serializes concurrent creations, so the limit cannot be overrun by a race
      await trx.selectFrom('users').select('id').where('id', '=', principal.user.id).forUpdate().execute();
      const { n } = await trx
        .selectFrom('scheduled_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', principal.user.id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_REPORTS_PER_ACCOUNT)
        throw new ApiError('resource_limit_reached', `An account can have at most ${MAX_REPORTS_PER_ACCOUNT} scheduled reports.`);
      const row = await trx
        .insertInto('scheduled_reports')
        .values({
          id: `rpt_${ulid()}`,
          user_id: principal.user.id,
          name: input.name,
          report: input.report,
          format: input.format,
          scope,
          frequency: input.frequency,
          day_of_week: input.day_of_week ?? null,
          hour_of_day: hourOfDay,
          timezone,
          recipients: JSON.stringify(input.recipients),
          next_run_at: nextRunAt({ frequency: input.frequency, dayOfWeek: input.day_of_week ?? null, hourOfDay, timezone }, new Date()),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorUserId: principal.user.id,
        actorRole: principal.user.role,
        action: 'scheduled_report.created',
        targetType: 'scheduled_report',
        targetId: row.id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { report: row.report, scope, frequency: row.frequency, recipients: input.recipients.length },
      });
      return row;
    });
  }

  async list(userId: string, page: { limit: number; startingAfter?: string }) {
    let query = this.db
      .selectFrom('scheduled_reports')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query.execute();
  }

  async get(userId: string, id: string): Promise<ScheduledReportRow> {
    const row = await this.db
      .selectFrom('scheduled_reports')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw problems.notFound(`scheduled report ${id}`);
    return row;
  }

  async delete(principal: Principal, id: string, client: ClientInfo): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('scheduled_reports')
        .where('id', '=', id)
        .where('user_id', '=', principal.user.id)
        .returning(['id', 'name'])
        .executeTakeFirst();
      if (!row) throw problems.notFound(`scheduled report ${id}`);
      await appendAudit(trx, {
        actorUserId: principal.user.id,
        actorRole: principal.user.role,
        action: 'scheduled_report.deleted',
        targetType: 'scheduled_report',
        targetId: id,
        ip: client.ip,
        userAgent: client.userAgent,
        metadata: { name: row.name },
      });
    });
  }
}
