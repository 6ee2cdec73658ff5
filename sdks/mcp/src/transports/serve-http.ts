import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/** Where the MCP endpoint is served. */
export const MCP_PATH = '/mcp';

/**
 * Serves MCP over streamable HTTP at `POST /mcp`, statelessly: each request gets its own server and
 * transport (the tool list is fixed at start, so no session holds state), answered as JSON. Binds to
 * loopback unless told otherwise, and refuses other Host headers there (DNS rebinding).
 */
export async function serveHttp(newServer: () => McpServer, options: { port: number; host: string }): Promise<Server> {
  const http = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== MCP_PATH) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `MCP is served at ${MCP_PATH}` }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'POST' });
      res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Method not allowed: this server is stateless, POST only.' },
          id: null,
        }),
      );
      return;
    }
    const server = newServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      ...(isLoopback(options.host) ? { enableDnsRebindingProtection: true, allowedHosts: loopbackHosts(http) } : {}),
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: String(error) }, id: null }));
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  return http;
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

function loopbackHosts(http: Server): string[] {
  const { port } = http.address() as AddressInfo;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}
