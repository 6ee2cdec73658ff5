import type { Command } from 'commander';
import { UsageError } from '../errors/exit-codes.js';
import { printResult } from '../output/print-result.js';
import { commandContext } from '../program/command-context.js';
import { NOT_TRIGGERABLE, TRIGGER_RECIPES } from '../trigger/trigger-recipes.js';

/**
 * `namaskah trigger <event-type>`: makes the sandbox produce the event for real (a purchase, an
 * injected SMS, a cancel, a paid sandbox top-up), never a made-up payload. Without an event type, lists
 * the catalog (`GET /v1/event-types`) and says which types can be triggered.
 */
export function registerTrigger(program: Command): void {
  program
    .command('trigger')
    .description('Make the sandbox produce an event end to end; without an argument, list which event types can be triggered')
    .argument('[event-type]', 'an event type from GET /v1/event-types')
    .option('--service <service>', 'service to buy for purchase-based events (default: the first available offer)')
    .option('--country <country>', 'country to buy in for purchase-based events')
    .action(async (eventType: string | undefined, options: { service?: string; country?: string }, self: Command) => {
      const ctx = commandContext(self);
      const client = ctx.client();
      const catalog = (await client.events.types.list({ limit: 100 }).toArray()).map((t) => t.name as string);
      if (!eventType) {
        const rows = catalog.map((name) => ({
          event_type: name,
          triggerable: Boolean(TRIGGER_RECIPES[name]),
          note: TRIGGER_RECIPES[name] ? '' : (NOT_TRIGGERABLE[name] ?? 'no sandbox recipe'),
        }));
        printResult(rows, { json: ctx.globals.json });
        return;
      }
      if (!catalog.includes(eventType)) throw new UsageError(`unknown event type ${eventType}; known: ${catalog.join(', ')}`);
      const recipe = TRIGGER_RECIPES[eventType];
      if (!recipe)
        throw new UsageError(`${eventType} cannot be triggered by a plain user: ${NOT_TRIGGERABLE[eventType] ?? 'no sandbox recipe'}`);
      const steps = await recipe(client, options);
      printResult({ event_type: eventType, steps }, { json: ctx.globals.json });
    });
}
