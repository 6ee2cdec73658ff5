import type { AdminVerification, VerificationStatus } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatMoney, formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';
import { useToast } from '../../live/toasts.tsx';
import { useCatalogNames } from '../buy/use-catalog-names.ts';
import { compact, useAdminList } from './use-admin-list.ts';
import { RouteTaken } from './route-taken.tsx';
import { usePeople, userIdFor } from './use-people.ts';

const STATUSES: VerificationStatus[] = ['pending', 'completed', 'cancelled', 'expired', 'failed'];

/**
 * Every verification of every account, filtered by customer (email or name), status, service, country and
 * provider, with the route each purchase took (every provider tried, failover included); a manual refund is started from the verification's own row (with the reason the audit log
 * keeps), never from a pasted id.
 */
export function AdminVerifications() {
  const { page, filters, setFilters, cursors, setCursors } = useAdminList(
    async ({ customer, ...params }) =>
      client.admin.verifications.list(compact({ ...params, user_id: customer ? await userIdFor(customer) : '' })),
    { customer: '', status: '' as VerificationStatus | '', service: '', country: '', provider: '' },
  );
  const services = useApi(() => client.services.list({ limit: 100 }).toArray({ limit: 500 }), []);
  const providers = useApi(() => client.admin.providers.list({ limit: 100 }), []);
  const names = useCatalogNames(services.data);
  const person = usePeople(page.data?.data.map((v) => v.user_id) ?? []);
  const action = useAction();
  const toast = useToast();
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const [countryText, setCountryText] = useState('');
  const refund = (v: AdminVerification) =>
    setAsking({
      title: `Refund ${formatMoney(v.price)} to ${person(v.user_id)}?`,
      description: `${names.service(v.service)} in ${names.country(v.country)}, ${v.status}, bought ${formatTime(v.created_at)}. The full price returns to the balance, once.`,
      confirmLabel: 'Refund',
      onConfirm: async ({ reason }) => {
        if (await action.run(() => client.admin.refunds.create({ verification_id: v.id, reason }))) {
          toast({ title: `Refunded ${formatMoney(v.price)}`, tone: 'success' });
          page.reload();
        }
      },
    });
  return (
    <section aria-label="Verifications">
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
          Status
          <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as VerificationStatus | '' })}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Service
          <select value={filters.service} onChange={(e) => setFilters({ service: e.target.value })}>
            <option value="">any</option>
            {services.data?.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Country{' '}
          <input
            value={countryText}
            size={3}
            maxLength={2}
            placeholder="US"
            onChange={(e) => {
              setCountryText(e.target.value);
              setFilters({ country: /^[A-Za-z]{2}$/.test(e.target.value) ? e.target.value.toUpperCase() : '' });
            }}
          />
        </label>
        <label className="inline">
          Provider
          <select value={filters.provider} onChange={(e) => setFilters({ provider: e.target.value })}>
            <option value="">any</option>
            {providers.data?.data.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorLine error={action.error} />
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>Customer</th>
                <th>Service</th>
                <th>Number</th>
                <th>Status</th>
                <th>Price</th>
                <th>Route</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((v) => (
                <tr key={v.id} data-testid={`verification-${v.id}`}>
                  <td data-label="When">{formatTime(v.created_at)}</td>
                  <td data-label="Customer">{person(v.user_id)}</td>
                  <td data-label="Service">
                    {names.service(v.service)} · {names.country(v.country)} <small className="muted">via {v.provider}</small>
                  </td>
                  <td data-label="Number">
                    <span className="mono unbroken">{v.phone_number ?? '—'}</span>
                  </td>
                  <td data-label="Status">
                    <span className={`badge ${v.status}`}>{v.status}</span>
                    {v.refunded && <small className="muted"> refunded ({v.refund_reason})</small>}
                  </td>
                  <td data-label="Price">{formatMoney(v.price)}</td>
                  <td data-label="Route">
                    <RouteTaken verification={v} />
                  </td>
                  <td className="actions">
                    {!v.refunded && (
                      <button type="button" className="secondary" disabled={action.busy} onClick={() => refund(v)}>
                        Refund
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {page.data.data.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    No verifications match these filters.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
      <ReasonDialog request={asking} onClose={() => setAsking(null)} />
    </section>
  );
}
