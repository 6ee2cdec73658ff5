import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressAssets } from './vite-plugins/precompress-assets.ts';

/**
 * `pnpm dev` proxies /v1 (HTTP, SSE and WebSocket) to a reference server on API_URL (default :8080),
 * so the dashboard and the API share one origin as they do in production.
 */
export default defineConfig({
  plugins: [react(), precompressAssets()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // the budget that matters is gzipped (test/bench/dashboard: < 300 KB in all); the entry is ~90 KB gzipped
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/v1': { target: process.env.API_URL ?? 'http://127.0.0.1:8080', changeOrigin: true, ws: true },
    },
  },
});
