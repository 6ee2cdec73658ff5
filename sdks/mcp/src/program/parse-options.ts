import { parseArgs } from 'node:util';

/** How `namaskah-mcp` was started (README "Options"). */
export interface McpOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  allowMoneyMovement: boolean;
  allowDestructive: boolean;
  /** Streamable HTTP on this port and host; absent: stdio. */
  http?: { port: number; host: string };
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: namaskah-mcp [options]

An MCP server for the Namaskah API: one tool per operation the API key's scopes allow.

Options:
  --api-key <key>           API key (default: NAMASKAH_API_KEY)
  --base-url <url>          API base URL (default: NAMASKAH_BASE_URL, else https://api.namaskah.dev)
  --allow-money-movement    offer the tools that charge, credit or refund a wallet (buying a number)
  --allow-destructive       offer the tools that delete or revoke something
  --http                    serve streamable HTTP at /mcp instead of stdio
  --port <n>                HTTP port (default 3333; 0 picks a free one)
  --host <host>             HTTP host (default 127.0.0.1)
  -h, --help                this text
  -v, --version             the version
`;

/** Flags over the environment (`NAMASKAH_API_KEY`, `NAMASKAH_BASE_URL`); throws on an unknown flag or a bad port. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): McpOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      'allow-money-movement': { type: 'boolean', default: false },
      'allow-destructive': { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (!values.http && (values.port !== undefined || values.host !== undefined)) throw new Error('--port and --host need --http');
  const port = Number(values.port ?? 3333);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, not ${values.port}`);
  return {
    apiKey: values['api-key'] ?? (env.NAMASKAH_API_KEY || undefined),
    baseUrl: values['base-url'] ?? (env.NAMASKAH_BASE_URL || undefined),
    allowMoneyMovement: values['allow-money-movement'],
    allowDestructive: values['allow-destructive'],
    ...(values.http ? { http: { port, host: values.host ?? '127.0.0.1' } } : {}),
    help: values.help,
    version: values.version,
  };
}
