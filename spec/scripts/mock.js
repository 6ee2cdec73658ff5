// Starts the Prism mock server from the contract: `pnpm mock` (PORT defaults to 4010, HOST to 127.0.0.1).
// Prism answers every operation with the spec's examples and validates requests against it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openapiPath } from './load-documents.js';

const require = createRequire(import.meta.url);
const prismBin = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const port = process.env.PORT ?? '4010';
const host = process.env.HOST ?? '127.0.0.1';
const child = spawn(process.execPath, [prismBin, 'mock', openapiPath, '--port', port, '--host', host, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
