import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { freePort } from './free-port.ts';

const webDir = fileURLToPath(new URL('../../', import.meta.url));

export interface DashboardOrigin {
  url: string;
  /** `server` when the reference server itself serves the dashboard at / (serve-dashboard.ts mounted). */
  via: 'server' | 'vite-preview';
  close: () => Promise<void>;
}

/**
 * Where the browser opens the dashboard: the server itself once it serves the SPA at `/`; until then
 * Vite's preview of dist/, proxying /v1 (HTTP, SSE, WebSocket) to the server, so the page and the API
 * still share one origin.
 */
export async function dashboardOrigin(serverUrl: string): Promise<DashboardOrigin> {
  const root = await fetch(serverUrl, { headers: { Accept: 'text/html' } });
  if (root.ok && (root.headers.get('content-type') ?? '').includes('text/html')) {
    return { url: serverUrl, via: 'server', close: async () => {} };
  }
  const port = await freePort();
  const server = await preview({
    root: webDir,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port,
      strictPort: true,
      proxy: { '/v1': { target: serverUrl, changeOrigin: true, ws: true }, '/sandbox': { target: serverUrl, changeOrigin: true } },
    },
  });
  return { url: `http://127.0.0.1:${port}`, via: 'vite-preview', close: () => server.close() };
}
