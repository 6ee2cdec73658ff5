import { Namaskah } from '@namaskah/sdk';
import { type McpOptions, parseOptions, USAGE } from './program/parse-options.js';
import { readKeyScopes } from './program/read-key-scopes.js';
import { VERSION } from './program/version.js';
import { createMcpServer } from './server/create-mcp-server.js';
import { MCP_PATH, serveHttp } from './transports/serve-http.js';
import { serveStdio } from './transports/serve-stdio.js';

/** The `namaskah-mcp` bin: read the key's scopes once, then serve the tools they allow on stdio or HTTP. */
async function main(options: McpOptions): Promise<void> {
  const client = new Namaskah({
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const access = {
    keyScopes: await readKeyScopes(client, options.apiKey),
    allowMoneyMovement: options.allowMoneyMovement,
    allowDestructive: options.allowDestructive,
  };
  if (!options.http) {
    await serveStdio(createMcpServer(client, access));
    return;
  }
  const http = await serveHttp(() => createMcpServer(client, access), options.http);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.http.port;
  // stderr, like every log line: a client reads the URL from here (and stdout stays free)
  process.stderr.write(`namaskah-mcp: listening on http://${options.http.host}:${port}${MCP_PATH}\n`);
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) process.stdout.write(USAGE);
  else if (options.version) process.stdout.write(`${VERSION}\n`);
  else await main(options);
} catch (error) {
  process.stderr.write(`namaskah-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
