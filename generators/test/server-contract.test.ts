import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_MARKER } from '../core/generated-file.js';
import { buildIr } from '../ir/build-ir.js';
import { emitServerContract } from '../typescript/index.js';

const fixture = (name: string) => buildIr(join(import.meta.dirname, 'fixtures', name)).then((r) => r.ir);

describe('server contract (server-reference/src/contract/)', () => {
  it('prints each enum as an `as const` value list plus its union type, and the models in one file', async () => {
    const files = await emitServerContract(await fixture('enums'));
    expect(files.map((f) => f.path)).toEqual(['catalogs.ts', 'enums.ts', 'index.ts', 'models.ts']);
    for (const file of files) expect(file.contents).toContain(GENERATED_MARKER);
    const enums = files.find((f) => f.path === 'enums.ts')!.contents;
    expect(enums).toMatch(/export const ORDER_STATUS_VALUES = \[[^\]]+\] as const;/);
    expect(enums).toContain('export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];');
    const models = files.find((f) => f.path === 'models.ts')!.contents;
    expect(models).toMatch(/import type \{[^}]*OrderStatus[^}]*\} from '\.\/enums\.ts';/);
    expect(models).toContain('export interface Order {');
    expect(files.find((f) => f.path === 'index.ts')!.contents).toContain("export * from './enums.ts';");
  });

  it('carries the error-code catalog with statuses', async () => {
    const ir = await fixture('nullable-optional');
    const catalogs = (await emitServerContract(ir)).find((f) => f.path === 'catalogs.ts')!.contents;
    for (const { code, status } of ir.errorCodes) expect(catalogs).toContain(`${code}: ${status},`);
    expect(catalogs).toContain('export type ProblemCode = keyof typeof ERROR_CODE_STATUS;');
  });
});
