// Redocly CLI with its recommended rules (redocly.yaml) must report zero errors and zero warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import { specDir } from '../scripts/load-documents.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const redoclyBin = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

test('openapi.yaml passes Redocly lint (recommended) with zero errors and zero warnings', async () => {
  const { stdout } = await run(process.execPath, [redoclyBin, 'lint', 'openapi.yaml', '--format=json'], {
    cwd: specDir,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error) => error); // exits 1 when there are errors; the JSON report is still on stdout
  const report = JSON.parse(stdout);
  const problems = report.problems.map(
    (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.source?.ref ?? ''}${p.location?.[0]?.pointer ?? ''}`,
  );
  assert.equal(report.totals.errors, 0, problems.join('\n'));
  assert.equal(report.totals.warnings, 0, problems.join('\n'));
});
