import type { WebhookEndpointEventFilter } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { focusField } from '../../components/focus-field.ts';
import { formatTime } from '../../components/format.ts';
import { SecretOnce } from '../../components/secret-once.tsx';
import { EventTypePicker, eventTypeField, useEventTypes } from './event-type-picker.tsx';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

/** Webhook endpoints: create (secret shown once), enable/disable, delete, send a test, rotate the secret, browse deliveries. */
export function WebhooksPage() {
  const endpoints = useApi(() => client.webhookEndpoints.list({ limit: 100 }), []);
  const eventTypes = useEventTypes();
  const catalogue = eventTypes.data?.data ?? [];
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const picked = catalogue.map((type) => type.name).filter((name) => form.get(eventTypeField(name)) === 'on');
    const eventTypes: WebhookEndpointEventFilter[] = picked.length ? picked : ['*'];
    const description = String(form.get('description') ?? '').trim();
    const created = await action.run(() =>
      client.webhookEndpoints.create({ url: String(form.get('url')), event_types: eventTypes, ...(description ? { description } : {}) }),
    );
    if (created) {
      setSecret(created.secret);
      formElement.reset();
      endpoints.reload();
    }
  };
  const act = async (call: () => PromiseLike<unknown>) => {
    if (await action.run(async () => (await call(), true))) endpoints.reload();
  };

  return (
    <main>
      <h1>Webhooks</h1>
      {secret && <SecretOnce label="Signing secret" secret={secret} onDone={() => setSecret(null)} />}
      <ErrorLine error={action.error} />
      <ApiStatus error={endpoints.error} loading={endpoints.loading && !endpoints.data} />
      {endpoints.data?.data.length === 0 && (
        <EmptyState
          title="No webhook endpoints yet: add one to receive events on your own server."
          action={
            <button type="button" onClick={() => focusField('new-endpoint-url')}>
              Add an endpoint
            </button>
          }
        />
      )}
      {endpoints.data?.data.map((endpoint) => (
        <article key={endpoint.id} className="card">
          <div className="row spread">
            <h2 className="mono">{endpoint.url}</h2>
            <span className={`badge ${endpoint.enabled ? 'completed' : 'failed'}`}>
              {endpoint.enabled ? 'enabled' : `disabled${endpoint.disabled_reason ? ` (${endpoint.disabled_reason})` : ''}`}
            </span>
          </div>
          <p className="muted">
            {endpoint.description} · events: {endpoint.event_types.join(', ')} · secret {endpoint.secret_prefix}… · last success{' '}
            {formatTime(endpoint.last_success_at)}
          </p>
          <div className="row wrap">
            <button type="button" onClick={() => act(() => client.webhookEndpoints.test(endpoint.id))}>
              Send test
            </button>
            <button
              type="button"
              onClick={() => act(async () => setSecret((await client.webhookEndpoints.rotateSecret(endpoint.id)).secret))}
            >
              Rotate secret
            </button>
            <button type="button" onClick={() => act(() => client.webhookEndpoints.update(endpoint.id, { enabled: !endpoint.enabled }))}>
              {endpoint.enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              onClick={() =>
                act(() =>
                  client.webhookEndpoints.deliveries.replayFailed(endpoint.id, {
                    since: new Date(Date.now() - 24 * 3600_000).toISOString(),
                  }),
                )
              }
            >
              Replay failed (24 h)
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => confirm(`Delete ${endpoint.url}?`) && act(() => client.webhookEndpoints.delete(endpoint.id))}
            >
              Delete
            </button>
            <button
              type="button"
              className="link"
              aria-expanded={open === endpoint.id}
              onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
            >
              Deliveries
            </button>
          </div>
          {open === endpoint.id && <WebhookDeliveries endpointId={endpoint.id} />}
        </article>
      ))}
      <form className="card" onSubmit={create}>
        <h2>Add an endpoint</h2>
        <label>
          URL <input id="new-endpoint-url" name="url" type="url" required placeholder="https://example.com/webhooks/namaskah" />
        </label>
        <label>
          Description <input name="description" />
        </label>
        <EventTypePicker types={catalogue} error={eventTypes.error} loading={eventTypes.loading && !eventTypes.data} />
        <button type="submit" disabled={action.busy}>
          Add endpoint
        </button>
      </form>
    </main>
  );
}
