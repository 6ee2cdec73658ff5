import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/test-platform.ts';

const START = fileURLToPath(new URL('../../../scripts/start.sh', import.meta.url));

/** README's first command, as a user runs it: one banner, readable logs on request, and SIGTERM stops it. */
describe('scripts/start.sh', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'namaskah-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints one banner, serves, and exits 0 on SIGTERM sent to the script (no process left behind)', async () => {
    const port = await freePort();
    const child = spawn('bash', [START], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DASHBOARD: 'off', LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 150_000;
    while (!output.includes('demo@namaskah.dev') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain(`Namaskah reference server on http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).status).toBe(200);
    // quiet: no package-manager chatter before the banner
    expect(output).not.toMatch(/Ignored build scripts|Lockfile is up to date|Progress: resolved/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // the pretty logger, not JSON lines
    expect(output).toMatch(/INFO.*shutting down/);
    expect(output).not.toContain('"msg":"shutting down"');
    await expect(fetch(`http://127.0.0.1:${port}/v1/health`)).rejects.toThrow();
  }, 200_000);
});
