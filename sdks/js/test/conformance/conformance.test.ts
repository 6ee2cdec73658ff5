import { describe, expect, it } from 'vitest';
import { type JsonObject, loadCaseFiles, Unsupported } from './case-files.js';
import { runHttpCase } from './http-case.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { runWebhookSignCase, runWebhookVerifyCase } from './webhook-case.js';

/** The language-neutral suite in test/conformance/ (see its README): every case of every file. */
const RUNNERS: Record<string, (testCase: JsonObject) => Promise<void>> = {
  request: runHttpCase,
  response: runHttpCase,
  error: runHttpCase,
  retry: runHttpCase,
  pagination: runHttpCase,
  webhook_verify: runWebhookVerifyCase,
  webhook_sign: runWebhookSignCase,
};

const files = loadCaseFiles();

it('finds the case files', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  describe.concurrent(file.path, () => {
    const names = file.cases.map((testCase) => String(testCase.name));
    for (const [index, testCase] of file.cases.entries()) {
      const name = names[index]!;
      it(name, async () => {
        expect(names.indexOf(name), `case name "${name}" is unique in ${file.path}`).toBe(index);
        const known = KNOWN_FAILURES.find((k) => k.file === file.path && k.name === name);
        const run = async () => {
          const runner = RUNNERS[String(testCase.kind)];
          if (!runner) throw new Unsupported(`case kind "${String(testCase.kind)}"`);
          await runner(testCase);
        };
        if (!known) return run();
        await expect(run(), `known failure now passes, remove it from known-failures.ts: ${known.reason}`).rejects.toThrow();
      });
    }
  });
}
