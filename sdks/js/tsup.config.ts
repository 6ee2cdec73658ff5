import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/admin.ts', 'src/validation.ts', 'src/webhooks.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['isomorphic-ws', 'ws', 'eventsource-parser', 'zod'],
  // ky is ESM only: bundled, so the CommonJS build works on every Node 22 and the package has one less dependency.
  noExternal: ['ky'],
});
