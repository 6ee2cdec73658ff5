import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const specPackage = resolve(import.meta.dirname, '../../../../spec');
/** The spec to mock: spec/ itself, unless NAMASKAH_SPEC_DIR points at another copy (debugging only). */
const specDir = process.env.NAMASKAH_SPEC_DIR ?? specPackage;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Starts the Prism mock server from spec/openapi.yaml on a free port; resolves once it answers. */
export async function startPrism(): Promise<{ baseUrl: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    resolve(specPackage, 'node_modules/.bin/prism'),
    ['mock', resolve(specDir, 'openapi.yaml'), '-p', String(port), '-h', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited: ${log.slice(-2000)}`);
    if (/Prism is listening/.test(log)) return { baseUrl, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`prism did not start: ${log.slice(-2000)}`);
}
