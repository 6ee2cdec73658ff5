import type { EventType, EventTypeDefinition, WebhookDeliveryStatus } from '@namaskah/sdk';
import { Fragment, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { formatTime } from '../../components/format.ts';
import { Pager } from '../../components/pager.tsx';
import { useReloadAfterLiveEvents } from '../../live/use-reload-after-live-events.ts';
import { DeliveryInspector } from './delivery-inspector.tsx';

const STATUSES: WebhookDeliveryStatus[] = ['succeeded', 'failed', 'pending'];

/**
 * The delivery log of one endpoint, filtered by status and event type (the list endpoint's own query
 * parameters): each attempt's status, response and latency, opened into the attempt inspector; replay any
 * of them. New attempts appear on their own after live events.
 */
export function WebhookDeliveries({
  endpointId,
  eventTypes,
  testsSent,
}: {
  endpointId: string;
  eventTypes: EventTypeDefinition[];
  /** Counts the test events sent from the card, so their attempts show up without a refresh. */
  testsSent: number;
}) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [eventType, setEventType] = useState<EventType | ''>('');
  const [inspected, setInspected] = useState<string | null>(null);
  const deliveries = useApi(
    () =>
      client.webhookEndpoints.deliveries.list(endpointId, {
        limit: 20,
        ...(status ? { status } : {}),
        ...(eventType ? { event_type: eventType } : {}),
        ...(cursors.length ? { starting_after: cursors.at(-1) } : {}),
      }),
    [endpointId, status, eventType, cursors],
  );
  useReloadAfterLiveEvents(deliveries.reload, testsSent);
  const action = useAction();
  const filtered = Boolean(status || eventType);
  return (
    <section aria-label="Delivery log">
      <h3>Delivery log</h3>
      <div className="row wrap">
        <label className="inline">
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as WebhookDeliveryStatus | '');
              setCursors([]);
            }}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Event type
          <select
            value={eventType}
            onChange={(e) => {
              setEventType(e.target.value as EventType | '');
              setCursors([]);
            }}
          >
            <option value="">any</option>
            {eventTypes.map((type) => (
              <option key={type.name}>{type.name}</option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={deliveries.reload}>
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
                <th>Duration</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.data.map((d) => (
                <Fragment key={d.id}>
                  <tr>
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
                    <td data-label="Response">{d.response_status ?? d.error?.code ?? '—'}</td>
                    <td data-label="Duration">{d.latency_ms === null ? '—' : `${d.latency_ms} ms`}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={inspected === d.id}
                        onClick={() => setInspected(inspected === d.id ? null : d.id)}
                      >
                        Inspect
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={action.busy}
                        onClick={async () => {
                          if (await action.run(() => client.webhookEndpoints.deliveries.replay(endpointId, d.id))) deliveries.reload();
                        }}
                      >
                        Replay
                      </button>
                    </td>
                  </tr>
                  {inspected === d.id && (
                    <tr className="inspector-row">
                      <td colSpan={6}>
                        <DeliveryInspector delivery={d} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
              {deliveries.data.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {filtered ? 'No deliveries match these filters.' : 'No deliveries yet: send a test event.'}
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
