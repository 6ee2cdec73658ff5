import { client } from '../../api/client.ts';
import { ApiStatus } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { compact, useAdminList } from './use-admin-list.ts';
import { usePeople, userIdFor } from './use-people.ts';

/** Every admin and security action: who (by name and email), what, on what, when, from which IP; filter by actor or action. */
export function AdminAuditLog() {
  const { page, filters, setFilters, cursors, setCursors } = useAdminList(
    async ({ actor, ...params }) => client.admin.auditLog.list(compact({ ...params, actor_user_id: actor ? await userIdFor(actor) : '' })),
    { actor: '', action: '' },
  );
  const person = usePeople(page.data?.data.flatMap((e) => [e.actor_user_id, e.target_type === 'user' ? e.target_id : null]) ?? []);
  return (
    <section aria-label="Audit log">
      <div className="row wrap">
        <label className="inline">
          Who{' '}
          <input
            type="search"
            value={filters.actor}
            placeholder="email or name"
            onChange={(e) => setFilters({ actor: e.target.value.trim() })}
          />
        </label>
        <label className="inline">
          Action{' '}
          <input value={filters.action} onChange={(e) => setFilters({ action: e.target.value.trim() })} placeholder="user.suspended" />
        </label>
      </div>
      <ApiStatus error={page.error} loading={page.loading && !page.data} />
      {page.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {page.data.data.map((e) => (
                <tr key={e.id}>
                  <td data-label="When">{formatTime(e.created_at)}</td>
                  <td data-label="Who">
                    {e.actor_user_id ? person(e.actor_user_id) : 'system'} <small className="muted">{e.actor_role}</small>
                  </td>
                  <td data-label="Action">{e.action}</td>
                  <td data-label="Target" className="mono">
                    {e.target_type} {e.target_type === 'user' && e.target_id ? person(e.target_id) : e.target_id}
                  </td>
                  <td data-label="IP" className="mono">
                    {e.ip ?? '—'}
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
