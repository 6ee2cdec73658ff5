import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sdk = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'namaskah-pack-'));
let tarball = '';
const zodVersion = (JSON.parse(readFileSync(join(sdk, 'node_modules/zod/package.json'), 'utf8')) as { version: string }).version;
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

const program = (load: string) => `${load}
const fetch = async () => new Response(JSON.stringify({ code: 'insufficient_balance', status: 402 }), { status: 402, headers: { 'request-id': 'req_pack' } });
const client = new Namaskah({ fetch, apiKey: 'k' });
client.verifications.create({ service: 'whatsapp', country: 'US' }).catch(async (error) => {
  const headers = await client.webhooks.sign('{"type":"balance.low"}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const event = await client.webhooks.verify('{"type":"balance.low"}', headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const badWallet = async () => new Response(JSON.stringify({ currency: 1 }), { headers: { 'content-type': 'application/json' } });
  const invalid = await withValidation(client.withOptions({ fetch: badWallet })).wallet.retrieve().catch((e) => e);
  console.log(JSON.stringify({
    cls: error instanceof InsufficientBalanceError, id: error.requestId, type: event.type,
    validation: invalid instanceof ResponseValidationError, path: invalid.issues?.[0]?.path,
  }));
});
`;

beforeAll(() => {
  run('pnpm', ['exec', 'tsup'], sdk);
  run('pnpm', ['pack', '--pack-destination', work], sdk);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it.each([
    [
      'esm',
      'module',
      'index.js',
      "import { Namaskah, InsufficientBalanceError, ResponseValidationError } from '@namaskah/sdk';\nimport { withValidation } from '@namaskah/sdk/validation';",
    ],
    [
      'cjs',
      'commonjs',
      'index.cjs',
      "const { Namaskah, InsufficientBalanceError, ResponseValidationError } = require('@namaskah/sdk');\nconst { withValidation } = require('@namaskah/sdk/validation');",
    ],
  ])('installs and runs from a clean %s project', (name, type, file, load) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
    // zod is an optional peer dependency: only `@namaskah/sdk/validation` needs it.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `zod@${zodVersion}`], dir);
    writeFileSync(join(dir, file), program(load));
    const output = JSON.parse(run(process.execPath, [file], dir));
    expect(output).toEqual({ cls: true, id: 'req_pack', type: 'balance.low', validation: true, path: ['balance'] });
  }, 180_000);

  it('the core entry never loads zod (only @namaskah/sdk/validation does)', () => {
    for (const file of ['index.js', 'index.cjs']) expect(readFileSync(join(sdk, 'dist', file), 'utf8')).not.toMatch(/\bzod\b/);
    expect(readFileSync(join(sdk, 'dist/validation.js'), 'utf8')).toMatch(/from ['"]zod['"]/);
  });
});
