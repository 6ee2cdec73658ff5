import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import type { ReasonRequest } from '../../components/reason-dialog.tsx';
import { describeUserAgent } from './describe-user-agent.ts';

/** Where the account is signed in: this session marked, any other signed out after a confirm. */
export function SessionsSection({ ask }: { ask: (request: ReasonRequest) => void }) {
  const sessions = useApi(() => client.auth.sessions.list({ limit: 100 }), []);
  const action = useAction();
  const revoke = (id: string, what: string) =>
    ask({
      title: `Sign out ${what}?`,
      description: 'That session ends at once; signing in again needs the password (and second factor).',
      withReason: false,
      confirmLabel: 'Sign out',
      danger: true,
      onConfirm: async () => {
        if (await action.run(async () => (await client.auth.sessions.delete(id), true))) sessions.reload();
      },
    });
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ApiStatus error={sessions.error} loading={sessions.loading && !sessions.data} />
      {sessions.data && (
        <table className="stack">
          <thead>
            <tr>
              <th>Device</th>
              <th>IP address</th>
              <th>Signed in</th>
              <th>Last active</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.data.map((s) => {
              const what = s.client_id ? `App (${s.client_id})` : describeUserAgent(s.user_agent);
              return (
                <tr key={s.id} data-testid={s.current ? 'current-session' : undefined}>
                  <td data-label="Device">
                    {what} {s.current && <span className="badge ok">This session</span>}
                  </td>
                  <td data-label="IP address" className="mono">
                    {s.ip}
                  </td>
                  <td data-label="Signed in">{formatTime(s.created_at)}</td>
                  <td data-label="Last active">{formatTime(s.last_used_at)}</td>
                  <td className="actions">
                    {!s.current && (
                      <button type="button" className="danger" disabled={action.busy} onClick={() => revoke(s.id, what)}>
                        Sign out
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}
