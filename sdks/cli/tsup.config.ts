import { defineConfig } from 'tsup';

// One ESM file with a shebang: `namaskah` runs on plain Node; the SDK and the CLI libraries stay dependencies.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
