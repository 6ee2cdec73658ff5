import type { ListRequestLogsParams, Namaskah, RequestLogEntry } from '@namaskah/sdk';
import type { Command } from 'commander';
import { UsageError } from '../errors/exit-codes.js';
import { wantsJson } from '../output/output-mode.js';
import { notice } from '../output/status-line.js';
import { commandContext } from '../program/command-context.js';
import { untilStopped } from '../program/until-stopped.js';

type Filters = Pick<ListRequestLogsParams, 'outcome' | 'method' | 'api_key_id'>;

/** The newest entry's sequence, so the tail starts with the requests made after it. */
async function latestSequence(client: Namaskah, filters: Filters): Promise<number> {
  const page = await client.requestLogs.list({ ...filters, limit: 1 });
  return page.data[0]?.sequence ?? 0;
}

/** Every entry after `sequence`, oldest first, following the pages of one poll. */
async function entriesAfter(client: Namaskah, sequence: number, filters: Filters): Promise<RequestLogEntry[]> {
  return client.requestLogs.list({ ...filters, after_sequence: sequence, limit: 100 }).toArray();
}

const line = (e: RequestLogEntry) =>
  `${e.created_at}  ${e.status}  ${e.method.padEnd(6)} ${e.path}  ${e.duration_ms} ms  [${e.request_id}]${e.error_code ? `  ${e.error_code}` : ''}\n`;

/** Resolves after `ms`, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

/**
 * `namaskah logs tail [--outcome failed] [--method POST] [--api-key-id key_...]`: the caller's API requests as
 * they happen, one line each (JSON lines with `--json` or on a pipe). It polls `GET /v1/request-logs` after
 * the last sequence it printed, so nothing is printed twice; the server writes the log in batches, so an
 * entry shows a second or so after its response. Ctrl-C stops it.
 */
export function registerLogs(program: Command): void {
  const logs = program.command('logs').description('Your API request log');
  logs
    .command('tail')
    .description('Follow your API requests live (newest entries as they are recorded)')
    .option('--outcome <outcome>', 'only succeeded or failed requests (status 400 and above)')
    .option('--method <method>', 'only requests with this HTTP method')
    .option('--api-key-id <id>', 'only requests made with this API key')
    .option('--interval <ms>', 'how often to poll, in milliseconds', '1000')
    .action(async (options: { outcome?: string; method?: string; apiKeyId?: string; interval: string }, self: Command) => {
      const ctx = commandContext(self);
      const client = ctx.client();
      const interval = Number(options.interval);
      if (!Number.isInteger(interval) || interval < 200)
        throw new UsageError('--interval must be a whole number of milliseconds, at least 200');
      if (options.outcome && !['succeeded', 'failed'].includes(options.outcome))
        throw new UsageError('--outcome must be succeeded or failed');
      const filters: Filters = {
        ...(options.outcome ? { outcome: options.outcome as Filters['outcome'] } : {}),
        ...(options.method ? { method: options.method.toUpperCase() as Filters['method'] } : {}),
        ...(options.apiKeyId ? { api_key_id: options.apiKeyId } : {}),
      };
      const stopped = new AbortController();
      const json = wantsJson(ctx.globals.json);
      await untilStopped(
        () => stopped.abort(),
        async () => {
          let sequence = await latestSequence(client, filters);
          notice('Ready. Tailing your API requests (Ctrl-C to stop).');
          while (!stopped.signal.aborted) {
            for (const entry of await entriesAfter(client, sequence, filters)) {
              process.stdout.write(json ? `${JSON.stringify(entry)}\n` : line(entry));
              sequence = entry.sequence;
            }
            await pause(interval, stopped.signal);
          }
        },
      );
    });
}
