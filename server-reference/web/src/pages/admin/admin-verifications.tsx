import type { AdminVerification, ProviderAttempt, VerificationStatus } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import { ApiStatus } from '../../components/api-status.tsx';
import { formatMoney, formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { compact, useAdminList } from './use-admin-list.ts';
import { usePeople } from './use-people.ts';

const STATUSES: VerificationStatus[] = ['pending', 'completed', 'cancelled', 'expired', 'failed'];

/** One attempt of a purchase's route: `simulator: no_numbers` for a failure, the provider alone for the one that supplied it. */
const attemptLabel = (a: ProviderAttempt): string =>
  a.outcome === 'purchased' ? `${a.provider} ✓` : `${a.provider} ✗ ${a.error_code ?? ''}`.trim();

/** The route a purchase took: every provider tried, in order (failover), or "—" before any answered. */
export function RouteTaken({ verification }: { verification: AdminVerification }) {
  const attempts = verification.provider_attempts;
  if (attempts.length === 0) return <>—</>;
  return (
    <ol className="route" aria-label={`Route of ${verification.id}`}>
      {attempts.map((a) => (
        <li key={`${a.provider}-${a.attempted_at}`} title={`${a.outcome} at ${formatTime(a.attempted_at)}`} data-outcome={a.outcome}>
          {attemptLabel(a)}
        </li>
      ))}
    </ol>
  );
}

/** Every verification of every account, with the provider that supplied it and the route its purchase took. */
export function AdminVerifications() {
  const { page, filters, setFilters, cursors, setCursors } = useAdminList((params) => client.admin.verifications.list(compact(params)), {
    user_id: '',
    status: '' as VerificationStatus | '',
    provider: '',
  });
  const person = usePeople(page.data?.data.map((v) => v.user_id) ?? []);
  return (
    <section aria-label="Verifications">
      <div className="row wrap">
        <label className="inline">
          User id <input value={filters.user_id} onChange={(e) => setFilters({ user_id: e.target.value.trim() })} />
        </label>
        <label className="inline">
          Status
          <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as VerificationStatus | '' })}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Provider <input value={filters.provider} onChange={(e) => setFilters({ provider: e.target.value.trim() })} />
        </label>
      </div>
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>User</th>
                <th>Service</th>
                <th>Status</th>
                <th>Price</th>
                <th>Provider</th>
                <th>Route</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((v) => (
                <tr key={v.id}>
                  <td data-label="When">{formatTime(v.created_at)}</td>
                  <td data-label="User" className="mono">
                    {person(v.user_id)}
                  </td>
                  <td data-label="Service">
                    {v.service} / {v.country}
                  </td>
                  <td data-label="Status">{v.refunded ? `${v.status} (refunded)` : v.status}</td>
                  <td data-label="Price">{formatMoney(v.price)}</td>
                  <td data-label="Provider">{v.provider}</td>
                  <td data-label="Route">
                    <RouteTaken verification={v} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
    </section>
  );
}
