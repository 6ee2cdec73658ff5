import type { ReportVerificationRequestReason, VerificationStatus } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { useApi } from '../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../components/api-status.tsx';
import { formatMoney, formatTime } from '../components/format.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { Pager } from '../components/pager.tsx';
import { REPORT_REASONS } from '../components/report-reasons.ts';
import { useLiveEvents } from '../live/live-events.tsx';
import { Link } from '../routing/router.tsx';

const STATUSES: VerificationStatus[] = ['pending', 'completed', 'cancelled', 'expired', 'failed'];

/** Past and current verifications, filtered by status, a page at a time; cancel or report from here. */
export function HistoryPage() {
  const [status, setStatus] = useState<VerificationStatus | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useApi(
    () =>
      client.verifications.list({
        limit: 20,
        ...(status ? { status } : {}),
        ...(cursors.length ? { starting_after: cursors.at(-1) } : {}),
      }),
    [status, cursors],
  );
  const action = useAction();
  useLiveEvents((event) => event.type.startsWith('verification.') && page.reload());

  const cancel = async (id: string) => {
    if (await action.run(() => client.verifications.cancel(id))) page.reload();
  };
  const report = async (id: string, reason: ReportVerificationRequestReason) => {
    if (await action.run(() => client.verifications.report(id, { reason }))) page.reload();
  };

  return (
    <main>
      <h1>History</h1>
      <label className="inline">
        Status
        <select
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as VerificationStatus | '');
            setCursors([]);
          }}
        >
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <ErrorLine error={action.error} />
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data?.data.length === 0 && (
        <EmptyState
          title={status ? `No ${status} verifications.` : 'No verifications yet.'}
          action={
            status ? (
              <Link href="/history" onClick={() => setStatus('')}>
                Show all
              </Link>
            ) : (
              <Link href="/">Buy your first number</Link>
            )
          }
        />
      )}
      {page.data && page.data.data.length > 0 && (
        <div className="table-scroll">
          <table className="stack">
            <caption className="sr-only">Verifications</caption>
            <thead>
              <tr>
                <th>Created</th>
                <th>Service</th>
                <th>Number</th>
                <th>Status</th>
                <th>Code</th>
                <th>Price</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((v) => (
                <tr key={v.id}>
                  <td data-label="Created">{formatTime(v.created_at)}</td>
                  <td data-label="Service">
                    {v.service} · {v.country}
                  </td>
                  <td data-label="Number" className="mono unbroken">
                    {v.phone_number ?? '—'}
                  </td>
                  <td data-label="Status">
                    <span className={`badge ${v.status}`}>{v.status}</span>
                    {v.refunded && ' refunded'}
                  </td>
                  <td data-label="Code" className="mono unbroken">
                    {v.code ?? '—'}
                  </td>
                  <td data-label="Price">{formatMoney(v.price)}</td>
                  <td className="actions">
                    {v.status === 'pending' && (
                      <button type="button" onClick={() => cancel(v.id)} disabled={action.busy}>
                        Cancel
                      </button>
                    )}
                    <select
                      aria-label={`Report ${v.id}`}
                      value=""
                      onChange={(e) => e.target.value && report(v.id, e.target.value as ReportVerificationRequestReason)}
                    >
                      <option value="">Report…</option>
                      {REPORT_REASONS.map(([value, words]) => (
                        <option key={value} value={value}>
                          {words}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
    </main>
  );
}
