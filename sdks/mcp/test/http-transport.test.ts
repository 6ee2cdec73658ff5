import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Connection, connectHttp } from './mcp-connections.js';

/** A raw HTTP exchange with the server, with the Host header chosen by the test. */
function send(url: string, method: string, host?: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(host ? { host } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.once('error', reject);
    req.end(method === 'POST' ? initialize : undefined);
  });
}

describe('the streamable HTTP endpoint', () => {
  let mcp: Connection;
  beforeAll(async () => {
    mcp = await connectHttp(inject('readOnlyKey'));
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('initializes over a plain POST, statelessly (no session id)', async () => {
    const answer = await send(mcp.url!, 'POST');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: 1, result: { serverInfo: { name: 'namaskah' } } });
  });

  it('refuses GET (no server-sent stream to hold open) and other paths', async () => {
    expect((await send(mcp.url!, 'GET')).status).toBe(405);
    expect((await send(mcp.url!.replace('/mcp', '/other'), 'POST')).status).toBe(404);
  });

  it('refuses a foreign Host on loopback (DNS rebinding)', async () => {
    const answer = await send(mcp.url!, 'POST', 'attacker.example');
    expect(answer.status).toBe(403);
  });
});
