import type { EventTypeDefinition } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus } from '../../components/api-status.tsx';

/** The form field name of an event type's checkbox. */
export const eventTypeField = (name: string): string => `event-${name}`;

/** Loads the event catalog (`GET /v1/event-types`, public) once for the webhooks page. */
export function useEventTypes() {
  return useApi(() => client.events.types.list({ limit: 100 }), []);
}

/**
 * The event filter of a new endpoint: one checkbox per type of the catalog, labelled with its summary,
 * its description one click away.
 */
export function EventTypePicker({ types, error, loading }: { types: EventTypeDefinition[]; error: unknown; loading: boolean }) {
  return (
    <fieldset>
      <legend>Events (none picked = all, including types added later)</legend>
      <ApiStatus error={error} loading={loading} />
      {types.map((type) => (
        <div key={type.name} className="event-type">
          <label className="inline">
            <input type="checkbox" name={eventTypeField(type.name)} /> <span className="mono">{type.name}</span> — {type.summary}
          </label>
          <details>
            <summary className="muted">About {type.name}</summary>
            <p className="muted">{type.description}</p>
          </details>
        </div>
      ))}
    </fieldset>
  );
}
