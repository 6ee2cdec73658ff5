import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffGeneratedFiles } from '../core/write-files.js';
import { planGeneration } from '../cli/generation-plan.js';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('pnpm gen', () => {
  it('is deterministic: two generations give identical bytes', async () => {
    const [a, b] = await Promise.all([planGeneration(repoRoot), planGeneration(repoRoot)]);
    expect(b.targets).toEqual(a.targets);
  });

  it('matches the committed output (IR dump, SDKs, goldens): run `pnpm gen` after a spec change', async () => {
    const plan = await planGeneration(repoRoot);
    const drift = plan.targets.flatMap((t) =>
      diffGeneratedFiles(t.root, t.generator, t.files).map((p) => `${t.root.slice(repoRoot.length + 1)}/${p}`),
    );
    expect(drift).toEqual([]);
  });
});
