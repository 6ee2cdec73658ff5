// @hey-api/openapi-ts generates a client from spec/dist/openapi.json that typechecks with zero errors, and
// names every model by its schema's title: no `Foo2` from colliding file names, no `unknown` or `never`
// standing in for a type the generator could not follow (the login result was `never` when it read the
// multi-file spec's file-relative discriminator mapping).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { bin, bundled, packageDir, run } from './run-tool.mjs';

const output = path.join(packageDir, 'generated', 'hey-api');
const document = JSON.parse(await readFile(bundled('openapi.json'), 'utf8'));
await rm(output, { recursive: true, force: true });
const generated = await run(bin('openapi-ts'), ['--input', bundled('openapi.json'), '--output', output]);
const types = generated.code === 0 ? await readFile(path.join(output, 'types.gen.ts'), 'utf8') : '';
const exported = new Map([...types.matchAll(/^export type (\w+) = ([^\n]*)/gm)].map((m) => [m[1], m[2]]));

test('openapi-ts generates a client from the bundle', () => {
  assert.equal(generated.code, 0, generated.stderr + generated.stdout);
  assert.ok(exported.size > 0);
});

test('the generated client typechecks with tsc --strict and zero errors', async () => {
  const { code, stdout } = await run(bin('tsc'), ['-p', path.join(packageDir, 'hey-api', 'tsconfig.json')]);
  assert.equal(code, 0, stdout);
});

test('every schema is a model named by its title, and nothing is an unknown, never or numbered alias', () => {
  const titles = Object.keys(document.components.schemas);
  assert.deepEqual(
    titles.filter((title) => !exported.has(title)),
    [],
  );
  const numbered = [...exported.keys()].filter((name) => /\D\d+$/.test(name) && !titles.includes(name));
  assert.deepEqual(numbered, []);
  const opaque = [...exported].filter(([, body]) => /^(unknown|never);$/.test(body)).map(([name]) => name);
  assert.deepEqual(opaque, []);
});

test('the login result is the union of its two outcomes', () => {
  const union = types.match(/^export type LoginResult = ([\s\S]*?\));$/m)?.[1] ?? '';
  assert.match(union, /& LoginAuthenticated\)/);
  assert.match(union, /& LoginSecondFactorRequired\)/);
  assert.match(types, /export type LogInResponses = \{[^}]*200: LoginResult;/s);
});
