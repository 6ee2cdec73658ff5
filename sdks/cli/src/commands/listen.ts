import { randomBytes } from 'node:crypto';
import type { Namaskah, RealtimeEvent } from '@namaskah/sdk';
import type { Command } from 'commander';
import { UsageError } from '../errors/exit-codes.js';
import { wantsJson } from '../output/output-mode.js';
import { notice } from '../output/status-line.js';
import { commandContext } from '../program/command-context.js';
import { untilStopped } from '../program/until-stopped.js';

/** A fresh Standard Webhooks secret for one session: `whsec_` and 24 random bytes in base64. */
const sessionSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The newest event's sequence, so the session resumes from there even if cut before its first event. */
async function latestSequence(client: Namaskah): Promise<number> {
  const page = await client.events.list({ limit: 1 });
  return page.data[0]?.sequence ?? 0;
}

/** POSTs one event as a signed webhook delivery; the local answer's status, or the error that prevented one. */
async function forward(client: Namaskah, url: string, secret: string, event: RealtimeEvent): Promise<{ status?: number; error?: string }> {
  const body = JSON.stringify(event);
  // webhook-id is the event id, as on a real delivery: a receiver that dedupes by it sees each event once.
  const headers = await client.webhooks.sign(body, secret, { id: event.id });
  try {
    const response = await fetch(url, { method: 'POST', headers: { ...headers, 'user-agent': 'namaskah-cli-listen' }, body });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { error: (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message };
  }
}

/**
 * `namaskah listen --forward-to http://localhost:3000/webhooks [--events a,b]`: the caller's real-time
 * events, each forwarded as a Standard-Webhooks-signed POST with a per-session secret printed at start.
 * The SDK's connection reconnects and resumes after the last sequence, so a cut socket loses nothing;
 * events are forwarded one at a time, in sequence order.
 */
export function registerListen(program: Command): void {
  program
    .command('listen')
    .description('Forward your live events to a local URL as signed webhooks (Standard Webhooks, a whsec_ secret per session)')
    .requiredOption('--forward-to <url>', 'where each event is POSTed')
    .option('--events <types>', 'only these event types, comma-separated (default: all)')
    .action(async (options: { forwardTo: string; events?: string }, self: Command) => {
      const ctx = commandContext(self);
      const client = ctx.client();
      if (!URL.canParse(options.forwardTo)) throw new UsageError(`--forward-to ${options.forwardTo} is not a URL`);
      const only = options.events
        ? new Set(
            options.events
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          )
        : undefined;
      const secret = sessionSecret();
      const connection = client.realtime.connect({ afterSequence: await latestSequence(client) });
      const json = wantsJson(ctx.globals.json);
      await untilStopped(
        () => connection.close(),
        async () => {
          await connection.ready;
          notice(`Ready. Forwarding events to ${options.forwardTo}; webhook signing secret: ${secret}`);
          for await (const event of connection) {
            if (only && !only.has(event.type)) continue;
            const result = await forward(client, options.forwardTo, secret, event);
            if (json) {
              process.stdout.write(`${JSON.stringify({ event_id: event.id, type: event.type, sequence: event.sequence, ...result })}\n`);
            } else {
              process.stdout.write(
                `${event.timestamp}  --> ${event.type} [${event.id}]  <-- ${result.status ?? `error: ${result.error}`}\n`,
              );
            }
          }
        },
      );
      if (connection.error) throw connection.error;
    });
}
