import type { RequestDescriptor } from '@namaskah/sdk';
import { UsageError } from '../errors/exit-codes.js';
import type { CliCommand, CliFlag } from '../generated/commands.js';
import { flagValue } from './flag-values.js';
import { readDataOption } from './request-body.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the command line gave one API command: positionals in order, raw flag values, `--data`. */
export interface ParsedApiCall {
  positionals: readonly string[];
  flags: ReadonlyMap<CliFlag, unknown>;
  data?: string;
}

/**
 * A parsed command as the SDK's request descriptor (`client.http.request`): path parameters from the
 * positionals, query and header parameters from their flags, the body from `--data` with the body flags
 * over it. Required values are checked here, since a required body field may come from either.
 */
export function buildRequest(command: CliCommand, call: ParsedApiCall): RequestDescriptor {
  const pathParams: Record<string, string> = {};
  command.positionals.forEach((positional, i) => {
    const value = call.positionals[i]!;
    if (positional.pattern && !new RegExp(positional.pattern).test(value)) {
      throw new UsageError(`<${positional.name}> ${JSON.stringify(value)} does not match ${positional.pattern}`);
    }
    pathParams[positional.name] = value;
  });

  let params: Record<string, unknown> = {};
  if (call.data !== undefined) {
    if (!command.body) throw new UsageError(`${command.path.join(' ')} takes no request body (--data)`);
    const data = readDataOption(call.data);
    if (!isRecord(data)) {
      if (command.flags.some((f) => f.in === 'body' || call.flags.has(f))) {
        throw new UsageError('--data must be a JSON object when flags are given too');
      }
      return descriptor(command, pathParams, data as object);
    }
    params = { ...data };
  }
  for (const [flag, raw] of call.flags) params[flag.name] = flagValue(flag, raw);
  const missing = command.flags.filter((f) => f.required && params[f.name] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((f) => `--${f.flag}`).join(', ')}`);
  if (command.body?.required && !command.body.flattened && call.data === undefined) {
    throw new UsageError(`${command.path.join(' ')} needs a request body: --data '{...}' or --data @file.json`);
  }
  return descriptor(command, pathParams, params);
}

function descriptor(command: CliCommand, pathParams: Record<string, string>, params: object): RequestDescriptor {
  const query = command.flags.filter((f) => f.in === 'query').map((f) => f.name);
  const headers = command.flags.filter((f) => f.in === 'header');
  return {
    method: command.method,
    path: command.httpPath,
    ...(command.positionals.length ? { pathParams } : {}),
    params,
    ...(query.length ? { queryKeys: query } : {}),
    ...(headers.length ? { headerKeys: Object.fromEntries(headers.map((h) => [h.name, h.name])) } : {}),
    ...(command.body ? { body: command.body.kind === 'binary' ? ('binary' as const) : ('json' as const) } : {}),
    response: command.response,
    idempotent: command.idempotent,
    public: command.public,
    ...(command.pagination ? { pagination: command.pagination } : {}),
  };
}
