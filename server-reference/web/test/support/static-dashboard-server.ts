import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveDashboard } from '../../serve-dashboard.ts';

/** Serves a built dist/ through serveDashboard alone (no API) on a free port, as the server would. */
export async function serveDistOnly(distDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Hono();
  app.route('/', serveDashboard({ distDir }));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
