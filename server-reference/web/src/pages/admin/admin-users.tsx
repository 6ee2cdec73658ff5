import type { AdminListUsersRole, AdminListUsersStatus, AdminUser, UserRole } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatMoney, formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';
import { compact, useAdminList } from './use-admin-list.ts';
import { personLabel } from './use-people.ts';

/** Users: search and filter; change tier or role from selects, confirmed in a dialog; suspend/unsuspend and adjust balance, each with a reason. */
export function AdminUsers() {
  const { page, filters, setFilters, cursors, setCursors } = useAdminList((params) => client.admin.users.list(compact(params)), {
    q: '',
    role: '' as AdminListUsersRole | '',
    status: '' as AdminListUsersStatus | '',
  });
  const action = useAction();
  const act = async (call: () => PromiseLike<unknown>) => {
    if (await action.run(async () => (await call(), true))) page.reload();
  };
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const withReason = (user: AdminUser, verb: 'Suspend' | 'Unsuspend', call: (reason: string) => PromiseLike<unknown>) =>
    setAsking({
      title: `${verb} ${personLabel(user)}?`,
      confirmLabel: verb,
      danger: verb === 'Suspend',
      onConfirm: ({ reason }) => void act(() => call(reason)),
    });
  const tiers = useApi(() => client.admin.tiers.list({ limit: 100 }), []);
  const tierNames = new Map(tiers.data?.data.map((tier) => [tier.id, tier.name]));
  const changeRole = (user: AdminUser, role: UserRole) =>
    setAsking({
      title: `Make ${personLabel(user)} ${role === 'admin' ? 'an admin' : role === 'support' ? 'support staff' : 'a user'}?`,
      description: `Their role changes from ${user.role} to ${role} at their next request.`,
      withReason: false,
      confirmLabel: 'Change role',
      danger: role === 'admin',
      onConfirm: () => void act(() => client.admin.users.update(user.id, { role })),
    });
  const changeTier = (user: AdminUser, tier: string) =>
    setAsking({
      title: `Move ${personLabel(user)} to the ${tierNames.get(tier) ?? tier} tier?`,
      description: `From ${tierNames.get(user.tier) ?? user.tier}: the tier's discount applies to their next quote, its rate limit and features at once.`,
      withReason: false,
      confirmLabel: 'Change tier',
      onConfirm: () => void act(() => client.admin.users.update(user.id, { tier })),
    });
  const adjust = (user: AdminUser) =>
    setAsking({
      title: `Adjust the balance of ${user.email} (now ${formatMoney(user.balance)})`,
      withAmount: true,
      confirmLabel: 'Adjust balance',
      onConfirm: ({ reason, amountCents }) =>
        void act(() => client.admin.users.balanceAdjustments.create(user.id, { amount: amountCents!, reason })),
    });

  return (
    <section aria-label="Users">
      <div className="row wrap">
        <label className="inline">
          Search <input type="search" value={filters.q} onChange={(e) => setFilters({ q: e.target.value })} placeholder="email or name" />
        </label>
        <label className="inline">
          Role
          <select value={filters.role} onChange={(e) => setFilters({ role: e.target.value as AdminListUsersRole | '' })}>
            <option value="">any</option>
            <option>user</option>
            <option>support</option>
            <option>admin</option>
          </select>
        </label>
        <label className="inline">
          Status
          <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as AdminListUsersStatus | '' })}>
            <option value="">any</option>
            <option>active</option>
            <option>suspended</option>
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
                <th>User</th>
                <th>Role</th>
                <th>Tier</th>
                <th>Status</th>
                <th>Balance</th>
                <th>Last login</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((user) => (
                <tr key={user.id}>
                  <td data-label="User">
                    {user.name}
                    <br />
                    <small className="muted">{user.email}</small>
                  </td>
                  <td data-label="Role">
                    <select
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      onChange={(e) => changeRole(user, e.target.value as UserRole)}
                    >
                      <option>user</option>
                      <option>support</option>
                      <option>admin</option>
                    </select>
                  </td>
                  <td data-label="Tier">
                    <select aria-label={`Tier of ${user.email}`} value={user.tier} onChange={(e) => changeTier(user, e.target.value)}>
                      {!tierNames.has(user.tier) && <option value={user.tier}>{user.tier}</option>}
                      {tiers.data?.data.map((tier) => (
                        <option key={tier.id} value={tier.id}>
                          {tier.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label="Status">
                    {user.status}
                    {user.suspension_reason && <small className="muted"> ({user.suspension_reason})</small>}
                  </td>
                  <td data-label="Balance">{formatMoney(user.balance)}</td>
                  <td data-label="Last login">{formatTime(user.last_login_at)}</td>
                  <td className="actions">
                    {user.status === 'suspended' ? (
                      <button
                        type="button"
                        onClick={() => withReason(user, 'Unsuspend', (reason) => client.admin.users.unsuspend(user.id, { reason }))}
                      >
                        Unsuspend
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => withReason(user, 'Suspend', (reason) => client.admin.users.suspend(user.id, { reason }))}
                      >
                        Suspend
                      </button>
                    )}
                    <button type="button" onClick={() => adjust(user)}>
                      Adjust balance
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={page.data?.has_more ? page.data.next_cursor : null} onChange={setCursors} />
      <ReasonDialog request={asking} onClose={() => setAsking(null)} />
    </section>
  );
}
