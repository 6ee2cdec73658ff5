import { defineConfig } from 'tsup';

// One ESM file with a shebang: `namaskah-mcp` runs on plain Node; the SDKs stay dependencies.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
