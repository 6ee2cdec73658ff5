import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';

/** The delivery log of one endpoint: each attempt's status, response and latency; replay any of them. */
export function WebhookDeliveries({ endpointId }: { endpointId: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const deliveries = useApi(
    () => client.webhookEndpoints.deliveries.list(endpointId, { limit: 20, ...(cursors.length ? { starting_after: cursors.at(-1) } : {}) }),
    [endpointId, cursors],
  );
  const action = useAction();
  return (
    <section aria-label="Delivery log">
      <div className="row spread">
        <h3>Delivery log</h3>
        <button type="button" onClick={deliveries.reload}>
          Refresh
        </button>
      </div>
      <ErrorLine error={action.error} />
      <ApiStatus error={deliveries.error} loading={deliveries.loading && !deliveries.data} />
      {deliveries.data && (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th>When</th>
                <th>Event</th>
                <th>Status</th>
                <th>Response</th>
                <th>Latency</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.data.map((d) => (
                <tr key={d.id}>
                  <td data-label="When">{formatTime(d.attempted_at ?? d.created_at)}</td>
                  <td data-label="Event">
                    {d.event_type}{' '}
                    <small className="muted">
                      #{d.attempt} {d.trigger}
                    </small>
                  </td>
                  <td data-label="Status">
                    <span className={`badge ${d.status}`}>{d.status}</span>
                  </td>
                  <td data-label="Response">{d.response_status ?? d.error?.message ?? '—'}</td>
                  <td data-label="Latency">{d.latency_ms === null ? '—' : `${d.latency_ms} ms`}</td>
                  <td>
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={async () => {
                        if (await action.run(() => client.webhookEndpoints.deliveries.replay(endpointId, d.id))) deliveries.reload();
                      }}
                    >
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
              {deliveries.data.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No deliveries yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager cursors={cursors} nextCursor={deliveries.data?.has_more ? deliveries.data.next_cursor : null} onChange={setCursors} />
    </section>
  );
}
