// openapi-typescript types from spec/dist/openapi.json, and a typed openapi-fetch scenario written against
// them (openapi-fetch/verification-scenario.ts), checked by `tsc --strict`, then run against a live
// reference server. `--default-non-nullable false`: a field with a `default` is optional to send (the
// tool's default would make `timezone` and `locale` required in RegisterRequest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { bin, bundled, packageDir, run } from './run-tool.mjs';

const types = path.join(packageDir, 'generated', 'openapi-typescript', 'schema.d.ts');

test('openapi-typescript generates the types of the bundle', async () => {
  const { code, stderr } = await run(bin('openapi-typescript'), [
    bundled('openapi.json'),
    '--output',
    types,
    '--default-non-nullable',
    'false',
  ]);
  assert.equal(code, 0, stderr);
});

test('the openapi-fetch scenario typechecks with tsc --strict', async () => {
  const { code, stdout } = await run(bin('tsc'), ['-p', path.join(packageDir, 'openapi-fetch', 'tsconfig.json'), '--strict']);
  assert.equal(code, 0, stdout);
});

test('the scenario registers, buys, receives an SMS, completes and paginates against a live server', async () => {
  const { code, stdout, stderr } = await run(process.execPath, [
    path.join(packageDir, 'scripts', 'with-reference-server.mjs'),
    '--',
    process.execPath,
    path.join(packageDir, 'openapi-fetch', 'verification-scenario.ts'),
  ]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.match(stdout, /bought 2 numbers, ver_\w+ completed with 123456/);
});
