import type { WebhookEndpointEventFilter } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { focusField } from '../../components/focus-field.ts';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';
import { SecretOnce } from '../../components/secret-once.tsx';
import { useReloadAfterLiveEvents } from '../../live/use-reload-after-live-events.ts';
import { type EndpointActions, EndpointCard } from './endpoint-card.tsx';
import { EventTypePicker, eventTypeField, useEventTypes } from './event-type-picker.tsx';

/**
 * Webhook endpoints: create (secret shown once) with events picked from the catalogue, and one card per
 * endpoint (send a test, enable/disable, rotate the secret, replay failures, delete, browse and inspect
 * deliveries), its last success kept current by live events.
 */
export function WebhooksPage() {
  const endpoints = useApi(() => client.webhookEndpoints.list({ limit: 100 }), []);
  const eventTypes = useEventTypes();
  const catalogue = eventTypes.data?.data ?? [];
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const picked = catalogue.map((type) => type.name).filter((name) => form.get(eventTypeField(name)) === 'on');
    const eventTypes: WebhookEndpointEventFilter[] = picked.length ? picked : ['*'];
    const description = String(form.get('description') ?? '').trim();
    const rate = String(form.get('max_deliveries_per_second') ?? '').trim();
    const created = await action.run(() =>
      client.webhookEndpoints.create({
        url: String(form.get('url')),
        event_types: eventTypes,
        ...(description ? { description } : {}),
        ...(rate ? { max_deliveries_per_second: Number(rate) } : {}),
      }),
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
  const [deleting, setDeleting] = useState<ReasonRequest | null>(null);
  const actions: EndpointActions = {
    act: (call) => void act(call),
    showSecret: setSecret,
    confirmDelete: (endpoint) =>
      setDeleting({
        title: `Delete ${endpoint.url}?`,
        description: 'Events stop being sent to it at once, and its delivery log goes with it.',
        withReason: false,
        confirmLabel: 'Delete endpoint',
        danger: true,
        onConfirm: () => void act(() => client.webhookEndpoints.delete(endpoint.id)),
      }),
  };
  useReloadAfterLiveEvents(endpoints.reload);

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
        <EndpointCard key={endpoint.id} endpoint={endpoint} eventTypes={catalogue} actions={actions} />
      ))}
      <form className="card" onSubmit={create}>
        <h2>Add an endpoint</h2>
        <label>
          URL <input id="new-endpoint-url" name="url" type="url" required placeholder="https://example.com/webhooks/namaskah" />
        </label>
        <label>
          Description <input name="description" />
        </label>
        <label>
          At most this many deliveries per second (empty: no limit; the rest wait in the queue)
          <input name="max_deliveries_per_second" type="number" min={1} max={1000} step={1} inputMode="numeric" />
        </label>
        <EventTypePicker types={catalogue} error={eventTypes.error} loading={eventTypes.loading && !eventTypes.data} />
        <button type="submit" disabled={action.busy}>
          Add endpoint
        </button>
      </form>
      <ReasonDialog request={deleting} onClose={() => setDeleting(null)} />
    </main>
  );
}
