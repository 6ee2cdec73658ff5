// Spectral's own rulesets (spectral:oas, spectral:asyncapi) find no error in the bundled documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { bin, bundled, packageDir, run } from './run-tool.mjs';

const ERROR = 0; // Spectral's severity numbers: 0 error, 1 warning, 2 information, 3 hint

for (const [document, ruleset] of [
  ['openapi.json', 'openapi.spectral.yaml'],
  ['asyncapi.json', 'asyncapi.spectral.yaml'],
]) {
  test(`Spectral (${ruleset.split('.')[0] === 'openapi' ? 'spectral:oas' : 'spectral:asyncapi'}) reports zero errors on spec/dist/${document}`, async () => {
    const { stdout, stderr } = await run(bin('spectral'), [
      'lint',
      bundled(document),
      '--ruleset',
      path.join(packageDir, 'spectral', ruleset),
      '--format',
      'json',
      '--quiet',
    ]);
    const results = JSON.parse(stdout || '[]');
    assert.ok(Array.isArray(results), stderr);
    const errors = results.filter((r) => r.severity === ERROR).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    assert.deepEqual(errors, []);
  });
}
