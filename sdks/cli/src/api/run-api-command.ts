import type { Namaskah } from '@namaskah/sdk';
import type { CliCommand } from '../generated/commands.js';
import { printResult } from '../output/print-result.js';
import { wantsJson } from '../output/output-mode.js';
import { buildRequest, type ParsedApiCall } from './build-request.js';

export interface ApiCallOptions {
  json?: boolean;
  /** Follow `next_cursor` to the last page and print every item. */
  all?: boolean;
  idempotencyKey?: string;
}

/** Sends one API command through the SDK's low-level request and prints what it answers. */
export async function runApiCommand(client: Namaskah, command: CliCommand, call: ParsedApiCall, options: ApiCallOptions): Promise<void> {
  const descriptor = buildRequest(command, call);
  const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {};
  if (command.pagination && options.all) {
    const items: unknown[] = [];
    for await (const item of client.http.requestPage(descriptor, requestOptions)) items.push(item);
    printResult(items, { json: options.json });
    return;
  }
  const result: unknown = await client.http.request(descriptor, requestOptions);
  if (command.response === 'binary') {
    process.stdout.write(new Uint8Array(await (result as Blob).arrayBuffer()));
    return;
  }
  if (command.response === 'event-stream') {
    // One event's JSON per line (NDJSON), so `| jq` sees each as it arrives.
    for await (const event of result as AsyncIterable<{ data: string }>) process.stdout.write(`${event.data}\n`);
    return;
  }
  printResult(result ?? (command.response === 'empty' ? (wantsJson(options.json) ? { ok: true } : 'done') : undefined), {
    json: options.json,
    ...(command.pagination ? { pagination: command.pagination } : {}),
  });
}
