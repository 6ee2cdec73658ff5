import type { EventTypeDefinition, WebhookEndpoint } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { formatRelativeTime } from '../../components/format-relative-time.ts';
import { formatTime } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

export interface EndpointActions {
  /** Runs an SDK call for this endpoint, then reads the endpoints again. */
  act: (call: () => PromiseLike<unknown>) => void;
  /** Shows a new signing secret once. */
  showSecret: (secret: string) => void;
  /** Asks before deleting. */
  confirmDelete: (endpoint: WebhookEndpoint) => void;
}

const DAY_MS = 24 * 3600_000;

/**
 * One endpoint, Svix-style: its URL and state, when it last received an event (kept current by live
 * events, and re-worded as time passes), ONE primary action (send a test event; enable it again when it
 * is disabled), the rest as secondary buttons, and its delivery log one click away.
 */
export function EndpointCard({
  endpoint,
  eventTypes,
  actions,
}: {
  endpoint: WebhookEndpoint;
  eventTypes: EventTypeDefinition[];
  actions: EndpointActions;
}) {
  const [open, setOpen] = useState(false);
  const [testsSent, setTestsSent] = useState(0);
  const now = useNow(15_000);
  const { act } = actions;
  const toggle = () => act(() => client.webhookEndpoints.update(endpoint.id, { enabled: !endpoint.enabled }));
  return (
    <article className="card endpoint" aria-label={endpoint.url}>
      <div className="row spread wrap">
        <h2 className="mono">{endpoint.url}</h2>
        <span className={`badge ${endpoint.enabled ? 'completed' : 'failed'}`}>
          {endpoint.enabled ? 'enabled' : `disabled${endpoint.disabled_reason ? ` (${endpoint.disabled_reason})` : ''}`}
        </span>
      </div>
      {endpoint.description && <p>{endpoint.description}</p>}
      <dl className="figures">
        <div>
          <dt>Last success</dt>
          <dd data-testid="last-success">
            {endpoint.last_success_at ? (
              <time dateTime={endpoint.last_success_at} title={formatTime(endpoint.last_success_at)}>
                {formatRelativeTime(endpoint.last_success_at, now)}
              </time>
            ) : (
              'never'
            )}
          </dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>{endpoint.event_types.includes('*') ? 'all' : endpoint.event_types.join(', ')}</dd>
        </div>
        <div>
          <dt>Rate limit</dt>
          <dd>{endpoint.max_deliveries_per_second ? `${endpoint.max_deliveries_per_second} per second` : 'none'}</dd>
        </div>
        <div>
          <dt>Secret</dt>
          <dd className="mono">{endpoint.secret_prefix}…</dd>
        </div>
      </dl>
      <div className="row wrap">
        {endpoint.enabled ? (
          <button
            type="button"
            onClick={() =>
              act(async () => {
                await client.webhookEndpoints.test(endpoint.id);
                setTestsSent((n) => n + 1);
              })
            }
          >
            Send test event
          </button>
        ) : (
          <button type="button" onClick={toggle}>
            Enable
          </button>
        )}
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            act(() => client.webhookEndpoints.deliveries.replayFailed(endpoint.id, { since: new Date(now - DAY_MS).toISOString() }))
          }
        >
          Replay failed (24 h)
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => act(async () => actions.showSecret((await client.webhookEndpoints.rotateSecret(endpoint.id)).secret))}
        >
          Rotate secret
        </button>
        {endpoint.enabled && (
          <button type="button" className="secondary" onClick={toggle}>
            Disable
          </button>
        )}
        <button type="button" className="link danger-link" onClick={() => actions.confirmDelete(endpoint)}>
          Delete
        </button>
      </div>
      {open && <WebhookDeliveries endpointId={endpoint.id} eventTypes={eventTypes} testsSent={testsSent} />}
    </article>
  );
}
