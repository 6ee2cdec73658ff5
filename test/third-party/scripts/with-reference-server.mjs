// Runs a command against a live reference server started for it, the way an outside integrator meets the
// platform: a free loopback port, a throwaway PGlite data directory, the simulator provider and the demo
// accounts. The command gets NAMASKAH_BASE_URL; the server is stopped (and its data removed) afterwards,
// and the command's exit code is ours.
//   node scripts/with-reference-server.mjs -- <command> [args...]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../../server-reference/', import.meta.url));
const command = process.argv.slice(process.argv.indexOf('--') + 1);
if (command.length === 0) throw new Error('usage: with-reference-server.mjs -- <command> [args...]');

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
  });

async function waitForHealth(baseUrl, server, deadline) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the reference server exited with ${server.exitCode}`);
    const ok = await fetch(`${baseUrl}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the reference server did not answer /v1/health within 60 s');
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'namaskah-third-party-'));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['src/main.ts'], {
  cwd: serverDir,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dataDir, 'pglite'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SANDBOX: 'true',
    SEED_DEMO: 'true',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let code = 1;
try {
  await waitForHealth(baseUrl, server, Date.now() + 60_000);
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, NAMASKAH_BASE_URL: baseUrl } });
  code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
} finally {
  const exited = new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(code);
