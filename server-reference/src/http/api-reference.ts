import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';

/**
 * The contract's policy for these pages, stricter than none and looser than the dashboard's where Redoc
 * needs it: scripts only from this origin (the page has no inline script: `<redoc>` is a custom element
 * the bundle upgrades), inline styles (styled-components writes them), workers from blob: URLs (its search
 * index), and connections only to this origin (it fetches /openapi.json; its telemetry is switched off and
 * would be refused anyway).
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const page = (title: string, specUrl: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
  </head>
  <body>
    <redoc spec-url="${specUrl}" disable-telemetry="true"></redoc>
    <script type="module" src="/docs/redoc.standalone.js"></script>
  </body>
</html>
`;

/** Redoc's self-contained browser bundle, read and compressed once, at the first request for it. */
let bundle: { plain: Buffer; gzip: Buffer } | null = null;
const redocBundle = () => {
  if (!bundle) {
    const plain = readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'));
    bundle = { plain, gzip: gzipSync(plain) };
  }
  return bundle;
};

/**
 * The API reference, rendered in the browser by Redoc from the contract the server runs on:
 * `GET /docs` (the HTTP API, `/openapi.json`) and `GET /docs/realtime` (the real-time channel,
 * `/asyncapi.json`), public like the documents themselves. The Redoc bundle is served from this
 * server too (`/docs/redoc.standalone.js`), so nothing loads from a CDN.
 *
 * @example
 * registerApiReference(app);
 * await app.request('/docs'); // 200, text/html
 */
export function registerApiReference(app: Hono<AppEnv>): void {
  const html = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
  };
  app.get('/docs', (c) => c.body(page('Namaskah API reference', '/openapi.json'), 200, html));
  app.get('/docs/realtime', (c) => c.body(page('Namaskah real-time API reference', '/asyncapi.json'), 200, html));
  app.get('/docs/redoc.standalone.js', (c) => {
    const { plain, gzip } = redocBundle();
    const compressed = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    if (compressed) headers['Content-Encoding'] = 'gzip';
    return c.body(new Uint8Array(compressed ? gzip : plain), 200, headers);
  });
}
