import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import type { ReasonRequest } from '../../components/reason-dialog.tsx';

/** Phones registered for push notifications, each removable after a confirm. */
export function DevicesSection({ ask }: { ask: (request: ReasonRequest) => void }) {
  const devices = useApi(() => client.devices.list({ limit: 100 }), []);
  const action = useAction();
  const remove = (id: string, name: string) =>
    ask({
      title: `Remove ${name}?`,
      description: 'It stops receiving push notifications.',
      withReason: false,
      confirmLabel: 'Remove',
      danger: true,
      onConfirm: async () => {
        if (await action.run(async () => (await client.devices.delete(id), true))) devices.reload();
      },
    });
  const list = devices.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices for push notifications</h2>
      <ApiStatus error={devices.error} loading={devices.loading && !devices.data} />
      {devices.data && list.length === 0 && (
        <p className="muted">No phone is registered. The Namaskah app registers itself when you allow notifications.</p>
      )}
      {list.length > 0 && (
        <table className="stack">
          <thead>
            <tr>
              <th>Device</th>
              <th>Platform</th>
              <th>Token</th>
              <th>Last updated</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => {
              const name = d.name ?? `${d.platform} device`;
              return (
                <tr key={d.id}>
                  <td data-label="Device">{name}</td>
                  <td data-label="Platform">{d.platform}</td>
                  <td data-label="Token" className="mono">
                    …{d.token_suffix}
                  </td>
                  <td data-label="Last updated">{formatTime(d.updated_at)}</td>
                  <td className="actions">
                    <button type="button" className="danger" disabled={action.busy} onClick={() => remove(d.id, name)}>
                      Remove
                    </button>
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
