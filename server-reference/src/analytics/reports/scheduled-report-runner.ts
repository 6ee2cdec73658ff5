import type { ReadRouting } from '../../storage/read-replica/index.ts';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { buildExport } from '../export/analytics-export.ts';
import type { ReportMailer } from './report-mailer.ts';
import { nextRunAt, periodOfRun, type Schedule } from './report-schedule.ts';
import type { ScheduledReportRow } from './scheduled-reports.ts';
import type { Database } from '../../storage/database-schema.ts';

/** Attachments above this are not attached (the spec's 10 MiB). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** How long a node holds a claimed report before another may take it over (it crashed). */
const CLAIM_MS = 10 * 60_000;

const scheduleOf = (r: ScheduledReportRow): Schedule => ({
  frequency: r.frequency,
  dayOfWeek: r.day_of_week,
  hourOfDay: r.hour_of_day,
  timezone: r.timezone,
});

async function bytesOf(body: ReadableStream<Uint8Array> | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(await new Response(body).arrayBuffer());
}

interface RunnerOptions {
  currency: string;
  publicUrl: string;
  logger?: Logger;
  /** Where the report's figures are read (the read replica while it serves); default the primary. */
  reads?: Pick<ReadRouting, 'analytics'>;
}

/**
 * Runs scheduled reports that are due: each due report is claimed with one conditional UPDATE (so on many
 * nodes each run happens once), generated like an export, emailed to every recipient, and moved to its
 * next run with the outcome recorded. Call `runDue` from a timer (`start`) or from a job-queue worker.
 */
export class ScheduledReportRunner {
  private readonly db: Kysely<Database>;
  private readonly mailer: ReportMailer;
  private readonly options: RunnerOptions;
  constructor(db: Kysely<Database>, mailer: ReportMailer, options: RunnerOptions) {
    this.db = db;
    this.mailer = mailer;
    this.options = options;
  }

  /** Runs every report due at `now`; returns how many ran. */
  async runDue(now = new Date()): Promise<number> {
    const claimed = await this.db
      .updateTable('scheduled_reports')
      .set({ claimed_until: new Date(now.getTime() + CLAIM_MS) })
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .execute();
    for (const report of claimed) await this.#run(report, now);
    return claimed.length;
  }

  /** Checks for due reports every `intervalMs`; returns a stop function. */
  start(intervalMs = 60_000): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.runDue()
        .catch((error) => this.options.logger?.error({ err: error }, 'scheduled reports failed'))
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #run(report: ScheduledReportRow, now: Date): Promise<void> {
    let status: 'succeeded' | 'failed' = 'failed';
    try {
      const owner = await this.db
        .selectFrom('users')
        .select(['id', 'role', 'status', 'locale'])
        .where('id', '=', report.user_id)
        .executeTakeFirstOrThrow();
      // a platform report of an account that lost its staff role falls back to nothing rather than leaking
      if (report.scope === 'platform' && owner.role === 'user') throw new Error('owner no longer has a staff role');
      const range = periodOfRun(scheduleOf(report), report.next_run_at);
      // the file is read to its end inside the routed work, so a replica lost midway is read again from the primary
      const generate = async (reader: Kysely<Database>) => {
        const file = await buildExport(reader, {
          report: report.report,
          format: report.format,
          range,
          scope: { scope: report.scope, userId: report.scope === 'platform' ? null : report.user_id, isAdmin: owner.role === 'admin' },
          zone: report.timezone,
          currency: this.options.currency,
          locale: owner.locale,
        });
        return { ...file, content: await bytesOf(file.body) };
      };
      const file = await (this.options.reads ? this.options.reads.analytics(generate) : generate(this.db));
      const { content } = file;
      const attach = content.length <= MAX_ATTACHMENT_BYTES;
      const link = `${this.options.publicUrl}/v1/analytics/export?report=${report.report}&format=${report.format}&from=${encodeURIComponent(range.from.toISOString())}&to=${encodeURIComponent(range.to.toISOString())}`;
      let accepted = 0;
      for (const to of report.recipients) {
        try {
          await this.mailer.send({
            to,
            subject: report.name,
            text: `${report.name}: the ${report.report} report for ${range.from.toISOString()} to ${range.to.toISOString()} (${report.timezone}).\n\n${attach ? `Attached: ${file.filename}.` : `Download it (sign-in needed): ${link}`}\n\nTo stop receiving this report, ask its owner to delete schedule ${report.id}.`,
            attachments: attach ? [{ filename: file.filename, contentType: file.contentType, content }] : undefined,
          });
          accepted++;
        } catch (error) {
          this.options.logger?.warn({ err: error, report: report.id }, 'a scheduled report email was refused');
        }
      }
      status = accepted > 0 ? 'succeeded' : 'failed';
    } catch (error) {
      this.options.logger?.error({ err: error, report: report.id }, 'a scheduled report could not be generated');
    }
    await this.db
      .updateTable('scheduled_reports')
      .set({
        last_run_at: new Date(),
        last_run_status: status,
        next_run_at: nextRunAt(scheduleOf(report), new Date(Math.max(now.getTime(), report.next_run_at.getTime()))),
        claimed_until: null,
      })
      .where('id', '=', report.id)
      .execute();
  }
}
