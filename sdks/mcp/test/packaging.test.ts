import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/** The tarballs users install: `pnpm pack` writes the SDK's version where the workspace protocol was. */
const mcpDir = resolve(import.meta.dirname, '..');
const sdkDir = resolve(mcpDir, '../js');
const work = mkdtempSync(join(tmpdir(), 'namaskah-mcp-pack-'));
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
const tarballs: Record<'sdk' | 'mcp', string> = { sdk: '', mcp: '' };

beforeAll(() => {
  run('pnpm', ['pack', '--pack-destination', join(work, 'sdk')], sdkDir);
  run('pnpm', ['pack', '--pack-destination', join(work, 'mcp')], mcpDir);
  for (const name of ['sdk', 'mcp'] as const) tarballs[name] = join(work, name, readdirSync(join(work, name))[0]!);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed @namaskah/mcp', () => {
  it('holds the bin and README, and no workspace: dependency', () => {
    const listing = run('tar', ['-tzf', tarballs.mcp], work);
    expect(listing).toContain('package/dist/cli.js');
    expect(listing).toContain('package/README.md');
    expect(listing).not.toContain('package/src/');
    const manifest = run('tar', ['-xOzf', tarballs.mcp, 'package/package.json'], work);
    expect(manifest).not.toContain('workspace:');
    expect(JSON.parse(manifest)).toMatchObject({ bin: { 'namaskah-mcp': './dist/cli.js' } });
  });

  it('installs into an empty folder and serves the tools there', async () => {
    const dir = join(work, 'consumer');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-mcp', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarballs.sdk, tarballs.mcp], dir);
    const bin = join(dir, 'node_modules/.bin/namaskah-mcp');
    expect(run(bin, ['--version'], dir).trim()).toMatch(/^\d+\.\d+\.\d+/);
    const client = new Client({ name: 'consumer', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: bin,
        env: { PATH: process.env.PATH ?? '', NAMASKAH_BASE_URL: inject('baseUrl'), NAMASKAH_API_KEY: inject('readOnlyKey') },
        stderr: 'pipe',
      }),
    );
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('verifications_list');
      expect(names).not.toContain('verifications_create');
    } finally {
      await client.close();
    }
  }, 180_000);
});
