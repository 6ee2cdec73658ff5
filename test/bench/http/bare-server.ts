/**
 * The baseline of the HTTP benchmarks: a bare Hono app on @hono/node-server answering a small JSON, in a
 * process of its own like the reference node, so both pay the same HTTP stack and the same CPU share.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

const app = new Hono();
const body = { balance: { amount: 5000, currency: 'USD' }, currency: 'USD' };
app.get('*', (c) => c.json(body));
app.post('*', (c) => c.json(body, 201));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${info.port}` });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop') server.close(() => process.exit(0));
});
