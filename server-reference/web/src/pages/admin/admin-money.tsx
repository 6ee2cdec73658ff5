import type { LedgerEntryType } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus } from '../../components/api-status.tsx';
import { formatMoney, formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { useCatalogNames } from '../buy/use-catalog-names.ts';
import type { AdminTabProps } from './admin-tab.ts';
import { compact, useAdminList } from './use-admin-list.ts';
import { usePeople, userIdFor } from './use-people.ts';

/** Every ledger entry of every account, filterable by customer (email or name) and type. */
export function AdminTransactions() {
  const { page, filters, setFilters, cursors, setCursors } = useAdminList(
    async ({ customer, ...params }) =>
      client.admin.transactions.list(compact({ ...params, user_id: customer ? await userIdFor(customer) : '' })),
    { customer: '', type: '' as LedgerEntryType | '' },
  );
  const person = usePeople(page.data?.data.map((e) => e.user_id) ?? []);
  return (
    <section aria-label="Transactions">
      <div className="row wrap">
        <label className="inline">
          Customer{' '}
          <input
            type="search"
            value={filters.customer}
            placeholder="email or name"
            onChange={(e) => setFilters({ customer: e.target.value.trim() })}
          />
        </label>
        <label className="inline">
          Type
          <select value={filters.type} onChange={(e) => setFilters({ type: e.target.value as LedgerEntryType | '' })}>
            <option value="">any</option>
            <option>purchase</option>
            <option>refund</option>
            <option>top_up</option>
            <option>adjustment</option>
          </select>
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
                <th>Type</th>
                <th>Amount</th>
                <th>Balance after</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((e) => (
                <tr key={e.id}>
                  <td data-label="When">{formatTime(e.created_at)}</td>
                  <td data-label="User">{person(e.user_id)}</td>
                  <td data-label="Type">{e.type}</td>
                  <td data-label="Amount">{formatMoney(e.amount)}</td>
                  <td data-label="Balance after">{formatMoney(e.balance_after)}</td>
                  <td data-label="Reason">{e.reason ?? ''}</td>
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

/** Refunds (automatic and manual); a manual one is started from the verification's row, and applied exactly once. */
export function AdminRefunds({ openTab }: AdminTabProps) {
  const { page, cursors, setCursors } = useAdminList((params) => client.admin.refunds.list(params), {});
  const person = usePeople(page.data?.data.flatMap((r) => [r.user_id, r.refunded_by]) ?? []);
  const services = useApi(() => client.services.list({ limit: 100 }).toArray({ limit: 500 }), []);
  const names = useCatalogNames(services.data);
  return (
    <section aria-label="Refunds">
      <p className="notice">
        To refund a verification by hand, find it under{' '}
        <button type="button" className="link" onClick={() => openTab('Verifications')}>
          Verifications
        </button>{' '}
        and use Refund on its row.
      </p>
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>User</th>
                <th>Verification</th>
                <th>Amount</th>
                <th>Reason</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((r) => (
                <tr key={r.id}>
                  <td data-label="When">{formatTime(r.created_at)}</td>
                  <td data-label="User">{person(r.user_id)}</td>
                  <td data-label="Verification">
                    {names.service(r.verification.service)} · {names.country(r.verification.country)}{' '}
                    <small className="muted mono" title={r.verification_id ?? undefined}>
                      {r.verification.phone_number ?? r.verification_id}
                    </small>
                  </td>
                  <td data-label="Amount">{formatMoney(r.amount)}</td>
                  <td data-label="Reason">{r.admin_reason ?? r.reason ?? r.verification.refund_reason ?? ''}</td>
                  <td data-label="By">{r.refunded_by ? person(r.refunded_by) : 'automatic'}</td>
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
