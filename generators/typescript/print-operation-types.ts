import openapiTS, { astToString } from 'openapi-typescript';
import { generatedHeader } from '../core/generated-file.js';
import type { GeneratedFile } from '../core/generated-file.js';

/**
 * `openapi.ts`: openapi-typescript's `paths`, `operations` and `components` for the bundled contract, so
 * the server's handler input and each response body are typed by their operation (`components['schemas']`
 * are the response models). `$ref`s stay type references, not copies.
 */
export async function printOperationTypes(openapiJson: string): Promise<GeneratedFile> {
  const ast = await openapiTS(openapiJson, { silent: true });
  return { path: 'openapi.ts', contents: `${generatedHeader('//')}\n${astToString(ast)}` };
}
