import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER, startReferenceServer } from '../e2e/reference-server.js';

const sdk = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'namaskah-pack-'));
let tarball = '';
const zodVersion = (JSON.parse(readFileSync(join(sdk, 'node_modules/zod/package.json'), 'utf8')) as { version: string }).version;
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

const program = (load: string) => `${load}
const fetch = async () => new Response(JSON.stringify({ code: 'insufficient_balance', status: 402 }), { status: 402, headers: { 'request-id': 'req_pack' } });
const client = new Namaskah({ fetch, apiKey: 'k', webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
client.verifications.create({ service: 'whatsapp', country: 'US' }).catch(async (error) => {
  const headers = await client.webhooks.sign('{"type":"balance.low"}');
  const event = await new Webhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).verify('{"type":"balance.low"}', headers);
  const badWallet = async () => new Response(JSON.stringify({ currency: 1 }), { headers: { 'content-type': 'application/json' } });
  const invalid = await withValidation(client.withOptions({ fetch: badWallet })).wallet.retrieve().catch((e) => e);
  console.log(JSON.stringify({
    cls: error instanceof InsufficientBalanceError, id: error.requestId, type: event.type,
    validation: invalid instanceof ResponseValidationError, path: invalid.issues?.[0]?.path,
  }));
});
`;

beforeAll(() => {
  run('pnpm', ['pack', '--pack-destination', work], sdk); // prepack: version check, then tsup
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it.each([
    [
      'esm',
      'module',
      'index.js',
      "import { Namaskah, InsufficientBalanceError, ResponseValidationError } from '@namaskah/sdk';\nimport { withValidation } from '@namaskah/sdk/validation';\nimport { Webhooks } from '@namaskah/sdk/webhooks';",
    ],
    [
      'cjs',
      'commonjs',
      'index.cjs',
      "const { Namaskah, InsufficientBalanceError, ResponseValidationError } = require('@namaskah/sdk');\nconst { withValidation } = require('@namaskah/sdk/validation');\nconst { Webhooks } = require('@namaskah/sdk/webhooks');",
    ],
  ])(
    'installs and runs from a clean %s project',
    (name, type, file, load) => {
      const dir = join(work, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
      // zod is an optional peer dependency: only `@namaskah/sdk/validation` needs it.
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `zod@${zodVersion}`], dir);
      writeFileSync(join(dir, file), program(load));
      const output = JSON.parse(run(process.execPath, [file], dir));
      expect(output).toEqual({ cls: true, id: 'req_pack', type: 'balance.low', validation: true, path: ['balance'] });
    },
    180_000,
  );

  it('is publish-ready: LICENSE, repository and the one SDK version (sdks/VERSION) in the tarball', () => {
    const listing = run('tar', ['-tzf', tarball], work);
    expect(listing).toContain('package/LICENSE');
    const manifest = JSON.parse(run('tar', ['-xOzf', tarball, 'package/package.json'], work)) as Record<string, unknown>;
    expect(manifest.repository).toMatchObject({ directory: 'sdks/js' });
    const version = readFileSync(join(sdk, '../VERSION'), 'utf8').trim();
    expect(manifest.version).toBe(version);
    expect(readFileSync(join(sdk, 'LICENSE'), 'utf8')).toBe(readFileSync(join(sdk, '../../LICENSE'), 'utf8'));
    // Every package and every User-Agent carries sdks/VERSION (scripts/stamp-version.mjs --check).
    expect(run(process.execPath, [join(sdk, '../../scripts/stamp-version.mjs'), '--check'], sdk)).toContain(version);
  });

  it('@namaskah/sdk/webhooks loads neither ws nor the HTTP engine', () => {
    const reachable = new Set<string>();
    const visit = (file: string) => {
      if (reachable.has(file)) return;
      reachable.add(file);
      const text = readFileSync(join(sdk, 'dist', file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\//);
        visit(spec!.slice(2));
      }
    };
    visit('webhooks.js');
    const code = [...reachable].map((f) => readFileSync(join(sdk, 'dist', f), 'utf8')).join('\n');
    expect(code).toMatch(/Webhooks = class/);
    expect(code).not.toMatch(/isomorphic-ws|\bKy = class|\bHttpClient = class/);
    expect(readFileSync(join(sdk, 'dist/webhooks.cjs'), 'utf8')).not.toMatch(/require\(["'](ws|isomorphic-ws)["']\)/);
  });

  it('the core entry never loads zod (only @namaskah/sdk/validation does)', () => {
    for (const file of ['index.js', 'index.cjs']) expect(readFileSync(join(sdk, 'dist', file), 'utf8')).not.toMatch(/\bzod\b/);
    expect(readFileSync(join(sdk, 'dist/validation.js'), 'utf8')).toMatch(/from ['"]zod['"]/);
  });

  it('a strict TypeScript consumer runs the acceptance scenario against the reference server', async () => {
    const dir = join(work, 'strict-ts');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-strict-ts', private: true, type: 'module' }));
    for (const file of ['scenario.ts', 'tsconfig.json'])
      writeFileSync(join(dir, file), readFileSync(join(import.meta.dirname, 'consumer', file)));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
    run(process.execPath, [join(sdk, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir);
    const server = await startReferenceServer();
    try {
      const anonymous = new (await import('../../src/index.js')).Namaskah({ baseUrl: server.url, maxRetries: 0 });
      const login = await anonymous.auth.login(DEMO_USER);
      if (login.result !== 'authenticated') throw new Error(`demo login: ${login.result}`);
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['dist/scenario.js', server.url, login.tokens.access_token],
          { cwd: dir, timeout: 90_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
        ),
      );
      expect(JSON.parse(output)).toEqual({
        pages: true,
        code: '445566',
        liveCode: '112233',
        status: 'completed',
        notFound: true,
        realtimeRefused: true,
        requestId: true,
        webhooksEntry: true,
      });
    } finally {
      await server.stop();
    }
  }, 240_000);
});
