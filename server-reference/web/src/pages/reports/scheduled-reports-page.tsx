import type { AnalyticsExportFormat, AnalyticsReportType, CreateScheduledReportRequest, ScheduledReport } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { focusField } from '../../components/focus-field.ts';
import { formatTime } from '../../components/format.ts';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';
import { useToast } from '../../live/toasts.tsx';
import { Link } from '../../routing/router.tsx';
import { useSession } from '../../session/use-session.ts';
import { useTimeZones } from '../preferences/time-zones.ts';
import { clockHour, describeSchedule, parseRecipients, WEEKDAYS } from './report-schedule.ts';

const REPORTS: Array<[AnalyticsReportType, string]> = [
  ['summary', 'Summary (figures, charts, top services and countries)'],
  ['verifications', 'Every verification'],
  ['ledger', 'Every ledger entry'],
];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** One scheduled report: what, when, to whom, how the last run went; delete after a confirm. */
function ReportRow({ report, onDelete }: { report: ScheduledReport; onDelete: (report: ScheduledReport) => void }) {
  return (
    <tr data-testid={`report-${report.id}`}>
      <td data-label="Name">{report.name}</td>
      <td data-label="Report">
        {report.report} ({report.format.toUpperCase()}){report.scope === 'platform' && <small className="muted"> platform</small>}
      </td>
      <td data-label="Schedule">{describeSchedule(report)}</td>
      <td data-label="Recipients">{report.recipients.join(', ')}</td>
      <td data-label="Next run">{formatTime(report.next_run_at)}</td>
      <td data-label="Last run">
        {report.last_run_status ? (
          <>
            <span className={`badge ${report.last_run_status}`}>{report.last_run_status}</span> {formatTime(report.last_run_at)}
          </>
        ) : (
          'not run yet'
        )}
      </td>
      <td className="actions">
        <button type="button" className="link danger-link" onClick={() => onDelete(report)}>
          Delete
        </button>
      </td>
    </tr>
  );
}

/** Analytics reports emailed on a schedule (daily or weekly, at an hour of a time zone): list, create, delete. */
export default function ScheduledReportsPage() {
  const { user } = useSession();
  const staff = user?.role === 'admin' || user?.role === 'support';
  const reports = useApi(() => client.analytics.reports.list({ limit: 100 }), []);
  const zones = useTimeZones(user?.timezone);
  const [frequency, setFrequency] = useState<'daily' | 'weekly'>('weekly');
  const [kind, setKind] = useState<AnalyticsReportType>('summary');
  const [deleting, setDeleting] = useState<ReasonRequest | null>(null);
  const action = useAction();
  const toast = useToast();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const request: CreateScheduledReportRequest = {
      name: String(form.get('name')).trim(),
      report: kind,
      format: form.get('format') as AnalyticsExportFormat,
      frequency,
      ...(frequency === 'weekly' ? { day_of_week: Number(form.get('day_of_week')) } : {}),
      hour_of_day: Number(form.get('hour_of_day')),
      timezone: String(form.get('timezone')),
      recipients: parseRecipients(String(form.get('recipients'))),
      ...(staff && kind === 'summary' && form.get('platform') === 'on' ? { scope: 'platform' as const } : {}),
    };
    const created = await action.run(() => client.analytics.reports.create(request));
    if (created) {
      toast({ title: `${created.name} scheduled`, body: `First run ${formatTime(created.next_run_at)}`, tone: 'success' });
      formElement.reset();
      reports.reload();
    }
  };
  const confirmDelete = (report: ScheduledReport) =>
    setDeleting({
      title: `Delete the report "${report.name}"?`,
      description: `${describeSchedule(report)} to ${report.recipients.join(', ')}; no further email is sent.`,
      withReason: false,
      confirmLabel: 'Delete report',
      danger: true,
      onConfirm: async () => {
        const deleted = await action.run(async () => {
          await client.analytics.reports.delete(report.id);
          return true;
        });
        if (deleted) reports.reload();
      },
    });

  return (
    <main>
      <h1>Scheduled reports</h1>
      <p className="muted">
        Analytics exports emailed on a schedule; download one now from <Link href="/analytics">Analytics</Link>.
      </p>
      <ErrorLine error={action.error} />
      <ApiStatus error={reports.error} loading={reports.loading && !reports.data} />
      {reports.data?.data.length === 0 && (
        <EmptyState
          title="No scheduled reports yet: have a summary emailed every week, or every day."
          action={
            <button type="button" onClick={() => focusField('new-report-name')}>
              Schedule a report
            </button>
          }
        />
      )}
      {reports.data && reports.data.data.length > 0 && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>Name</th>
                <th>Report</th>
                <th>Schedule</th>
                <th>Recipients</th>
                <th>Next run</th>
                <th>Last run</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {reports.data.data.map((report) => (
                <ReportRow key={report.id} report={report} onDelete={confirmDelete} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="card" onSubmit={create} aria-label="Schedule a report">
        <h2>Schedule a report</h2>
        <label>
          Name (also the email subject) <input id="new-report-name" name="name" required maxLength={100} placeholder="Weekly summary" />
        </label>
        <div className="row wrap">
          <label>
            Report
            <select value={kind} onChange={(e) => setKind(e.target.value as AnalyticsReportType)}>
              {REPORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Format
            <select name="format" defaultValue="pdf">
              <option value="pdf">PDF</option>
              <option value="csv">CSV</option>
            </select>
          </label>
        </div>
        <div className="row wrap">
          <label>
            Frequency
            <select value={frequency} onChange={(e) => setFrequency(e.target.value as 'daily' | 'weekly')}>
              <option value="weekly">Weekly (the 7 days before)</option>
              <option value="daily">Daily (the day before)</option>
            </select>
          </label>
          {frequency === 'weekly' && (
            <label>
              Day
              <select name="day_of_week" defaultValue={1}>
                {WEEKDAYS.map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Time
            <select name="hour_of_day" defaultValue={8}>
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {clockHour(hour)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Time zone
          <select name="timezone" defaultValue={user?.timezone ?? 'UTC'}>
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </label>
        <label>
          Recipients (1 to 10 emails, separated by commas or lines)
          <textarea name="recipients" required rows={2} defaultValue={user?.email ?? ''} />
        </label>
        {staff && kind === 'summary' && (
          <label className="inline">
            <input type="checkbox" name="platform" /> The whole platform (not only my account)
          </label>
        )}
        <button type="submit" disabled={action.busy}>
          Schedule report
        </button>
      </form>
      <ReasonDialog request={deleting} onClose={() => setDeleting(null)} />
    </main>
  );
}
