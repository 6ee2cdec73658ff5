import { problems } from '../../errors/index.ts';

/**
 * Checks what the schema cannot say about `event_types`: at least one entry, no repeats, and `*` only
 * alone. Throws 422 `validation_failed`. (Each entry being a catalog type or `*` is the schema's job.)
 */
export function checkEventTypes(eventTypes: string[]): string[] {
  const fail = (message: string) => problems.validation([{ field: '/body/event_types', code: 'invalid', message }]);
  if (eventTypes.length === 0) throw fail('must list at least one event type, or ["*"]');
  if (new Set(eventTypes).size !== eventTypes.length) throw fail('must not repeat an event type');
  if (eventTypes.includes('*') && eventTypes.length > 1) throw fail('"*" must be alone');
  return eventTypes;
}
