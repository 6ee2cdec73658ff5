import type { SomeHandlers } from '../http/operation-handler.ts';
import { ApiError, problems } from '../errors/index.ts';
import { json, pageParams, principalOf } from '../http/routes/respond.ts';
import { decodeCursor, encodeCursor } from '../serializers/catalog-serializers.ts';
import { page } from '../serializers/money.ts';
import type { Schemas } from '../serializers/wire-models.ts';
import { toWireEvent, type EventType, type PlatformEvent } from '../storage/events/event-catalog.ts';
import { EventStore } from './event-store.ts';
import { eventTypeCatalogue } from './event-type-catalogue.ts';

/** Events are listed for 30 days (spec/paths/events.yaml). */
const EVENT_LIST_DAYS = 30;

const types = (value: unknown): EventType[] | undefined => {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return list as EventType[];
};

type WireEvent = Schemas['EventList']['data'][number];
/**
 * `as`: the stored payload was serialized to its type's schema when the event was appended (the catalog's
 * serializers), so `type` and `data` agree; the row type only knows `data: unknown`.
 */
const wireEvent = (event: PlatformEvent): WireEvent => toWireEvent(event) as WireEvent;

/** events tag: `listEvents`, `getEvent` and the public `listEventTypes`. */
export const eventRoutes = {
  async listEvents(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    const { query } = c.get('input');
    const rows = await new EventStore(c.get('services').db).list(principal.user.id, {
      limit: params.limit,
      startingAfter: params.startingAfter,
      afterSequence: query.after_sequence,
      types: types(query.type),
      createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
      createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
      notBefore: new Date(Date.now() - EVENT_LIST_DAYS * 86_400_000),
    });
    if (!rows)
      throw new ApiError('validation_failed', 'starting_after names no event of yours.', {
        errors: [{ field: '/query/starting_after', code: 'not_found', message: 'no such event' }],
      });
    return json(
      c,
      200,
      page(rows, params.limit, (e) => e.id, wireEvent),
    );
  },

  async getEvent(c) {
    const event = await new EventStore(c.get('services').db).get(
      principalOf(c).user.id,
      c.get('input').path.event_id,
      new Date(Date.now() - EVENT_LIST_DAYS * 86_400_000),
    );
    if (!event) throw problems.notFound('such event');
    return json(c, 200, wireEvent(event));
  },

  async listEventTypes(c) {
    const { limit = 20, starting_after } = c.get('input').query;
    const after = decodeCursor(starting_after);
    const rest = eventTypeCatalogue(c.get('services').spec.document).filter((type) => after === null || type.name > after);
    return json(
      c,
      200,
      page(
        rest.slice(0, limit + 1),
        limit,
        (type) => encodeCursor(type.name),
        (type) => type,
      ),
    );
  },
} satisfies SomeHandlers;
