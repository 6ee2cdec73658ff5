/**
 * Every code block of README.md and docs/*.md marked ```` ```sh runnable ```` (or `bash`, `ts`, `js`) runs,
 * against one reference server started here (in-memory PGlite, the simulator, the demo accounts), and
 * must exit 0 within its time. Each block runs on its own, in a fresh process, with what a reader would
 * have set up: `NAMASKAH_BASE_URL` (the server), `NAMASKAH_API_KEY` (a key of the demo account, all
 * scopes) and `NAMASKAH_WEBHOOK_SECRET`. In the text, the documented address `http://127.0.0.1:8080`
 * becomes the server's and the placeholder `nmk_test_...` the demo key. Shell blocks run in bash with
 * `-e -o pipefail`; TypeScript and JavaScript blocks run on Node (types stripped) from a folder where
 * `@namaskah/sdk` is the built JS SDK of this repository.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ReferenceServer, startReferenceServer } from '../../sdks/js/test/e2e/reference-server.ts';
import { type CodeBlock, runnableBlocks } from './markdown-code-blocks.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCUMENTED_URL = 'http://127.0.0.1:8080';
const KEY_PLACEHOLDER = 'nmk_test_...';
const BLOCK_TIMEOUT_MS = 90_000;
const SHELL = new Set(['sh', 'bash', 'shell']);
const SCRIPT = new Set(['ts', 'typescript', 'js', 'javascript']);

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const blocks = pages.flatMap((page) => runnableBlocks(readFileSync(join(ROOT, page), 'utf8')).map((block) => ({ page, block })));

let server: ReferenceServer;
let env: Record<string, string>;
let sandbox: string;

/** Runs `file args` with `input`-free stdio; resolves with its exit code and output, killing it after the block timeout. */
function run(file: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(file, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, output: signal ? `${output}\n(killed after ${BLOCK_TIMEOUT_MS / 1000} s)` : output });
    });
  });
}

const substituted = (code: string) => code.replaceAll(DOCUMENTED_URL, server.url).replaceAll(KEY_PLACEHOLDER, env.NAMASKAH_API_KEY!);

async function runBlock(block: CodeBlock, name: string): Promise<{ code: number | null; output: string }> {
  if (SHELL.has(block.language)) return run('bash', ['-e', '-o', 'pipefail', '-c', substituted(block.code)], ROOT);
  const file = join(sandbox, `${name}.mts`);
  writeFileSync(file, substituted(block.code));
  return run(process.execPath, [file], sandbox);
}

async function demoApiKey(url: string): Promise<string> {
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, any>;
  };
  const login = await call('/v1/auth/login', { email: 'demo@namaskah.dev', password: 'demo-password-123' });
  const scopes = [
    'verifications:read',
    'verifications:write',
    'wallet:read',
    'wallet:write',
    'webhooks:read',
    'webhooks:write',
    'events:read',
    'catalog:read',
    'analytics:read',
  ];
  const key = await call('/v1/api-keys', { name: 'docs runnable blocks', scopes }, login.tokens.access_token);
  return key.secret;
}

test('the docs mark their walk-throughs runnable', () => {
  const marked = new Set(blocks.map(({ page }) => page));
  for (const page of ['README.md', 'docs/getting-started.md', 'docs/webhooks.md'])
    assert.ok(marked.has(page), `${page} has no runnable block`);
});

describe('runnable code blocks', () => {
  before(async () => {
    if (!existsSync(join(ROOT, 'sdks/js/dist/index.js')))
      execFileSync('pnpm', ['--filter', '@namaskah/sdk', '--reporter=silent', 'build'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    // the simulator sends its own SMS after 2 s, for blocks that wait for a code without injecting one
    server = await startReferenceServer({ SIMULATOR_SMS_DELAY_MS: '2000' });
    sandbox = mkdtempSync(join(tmpdir(), 'namaskah-docs-blocks-'));
    mkdirSync(join(sandbox, 'node_modules/@namaskah'), { recursive: true });
    symlinkSync(join(ROOT, 'sdks/js'), join(sandbox, 'node_modules/@namaskah/sdk'), 'dir');
    env = {
      NAMASKAH_BASE_URL: server.url,
      NAMASKAH_API_KEY: await demoApiKey(server.url),
      NAMASKAH_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
    };
  });
  after(async () => {
    await server?.stop();
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  for (const [index, { page, block }] of blocks.entries()) {
    test(`${page}:${block.line} (${block.language})`, async () => {
      assert.ok(SHELL.has(block.language) || SCRIPT.has(block.language), `no runner for ${block.language} blocks`);
      const { code, output } = await runBlock(block, `block-${index}`);
      assert.equal(code, 0, `${page}:${block.line} exited ${code}:\n${output}`);
    });
  }
});
