import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { Hono } from 'hono';

export interface ServeDashboardOptions {
  /** The Vite build output (`server-reference/web/dist`). */
  distDir: string;
  /**
   * Path prefixes the dashboard never answers, so server routes and their 404 problems stay intact
   * whatever the mounting order. Default: `/v1` (the API) and `/sandbox` (the sandbox checkout page).
   */
  reservedPrefixes?: string[];
}

/** Vite names files under assets/ by content hash: they never change, so browsers may keep them a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * index.html must be revalidated so a deploy is picked up at once. The policy allows only our own
 * scripts (no inline ones), which is what keeps the refresh token in sessionStorage out of reach of
 * injected third-party code; inline styles are allowed because Chart.js sizes its canvas with them.
 */
const HTML_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

const isReserved = (path: string, prefixes: string[]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
/** A client route (`/wallet`, `/admin`) has no file extension; `/assets/x.js` does and must 404 when missing. */
const looksLikeClientRoute = (path: string) => !/\.[a-z0-9]+$/i.test(path);

/**
 * The web dashboard as a Hono sub-app: hashed assets with a one-year immutable cache (precompressed
 * `.br`/`.gz` when the browser accepts them), other files from dist as they are, and index.html for
 * every client route so deep links and reloads work. Requests under the reserved prefixes, and
 * anything but GET/HEAD, fall through to the rest of the server.
 *
 * @example
 * // in app.ts, after the API routes are registered:
 * app.route('/', serveDashboard({ distDir: fileURLToPath(new URL('../web/dist', import.meta.url)) }));
 */
export function serveDashboard(options: ServeDashboardOptions): Hono {
  const distDir = resolve(options.distDir);
  const reserved = options.reservedPrefixes ?? ['/v1', '/sandbox'];
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`serveDashboard: ${indexPath} not found; run \`pnpm --filter @namaskah/web build\` first`);
  // read once: index.html is small and changes only with a new build (and a restart)
  const indexHtml = readFileSync(indexPath, 'utf8');

  const sendIndex = (c: Context) => c.html(indexHtml, 200, HTML_HEADERS);

  const files = serveStatic({ root: distDir, precompressed: true });

  const app = new Hono();
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (isReserved(path, reserved)) return next();
    if (path === '/' || path === '/index.html') return sendIndex(c);
    const served = await files(c, async () => {});
    if (served) {
      // set on the response itself: serveStatic has built it by the time it returns
      served.headers.set('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : 'public, max-age=3600');
      return served;
    }
    return looksLikeClientRoute(path) ? sendIndex(c) : next();
  });
  return app;
}
