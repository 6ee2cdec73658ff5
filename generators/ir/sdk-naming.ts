import { camelCase, words } from '../core/naming.js';
import type { Operation } from './ir-types.js';
import { methodNameFor } from './operation-naming.js';

/** A dotted SDK name: camelCase segments, resources then the method (`webhookEndpoints.deliveries.list`). */
const SDK_NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/**
 * The SDK name of an operation: its `x-sdk-name` (`webhookEndpoints.deliveries.list`), else the rule for
 * specs that name nothing: the tag as the resource and the operationId without the tag's noun as the
 * method (`listWidgets` in `widgets` -> `widgets.list`). A document either names every operation or none,
 * so a new operation cannot slip in under a derived name.
 */
export function readSdkName(op: { operationId: string; 'x-sdk-name'?: unknown }, tag: string, where: string): string[] {
  const explicit = op['x-sdk-name'];
  if (explicit === undefined) return [camelCase(tag), methodNameFor(op.operationId, tag)];
  if (typeof explicit !== 'string' || !SDK_NAME.test(explicit)) {
    throw new Error(
      `${where}: x-sdk-name must be dotted camelCase segments, resource then method (like widgets.parts.list), not ${JSON.stringify(explicit)}`,
    );
  }
  return explicit.split('.');
}

/**
 * Checks the names of a whole document: every operation named (or none), each name used once (compared
 * as words, so `apiKeys.list` and `apikeys.list` cannot both exist: some SDK would case them alike), and
 * no name both a method and a resource (`auth.login` and `auth.login.verify`).
 */
export function checkSdkNames(operations: { op: Operation; explicit: boolean; where: string }[]): void {
  const named = operations.filter((o) => o.explicit);
  if (named.length > 0 && named.length < operations.length) {
    const missing = operations.filter((o) => !o.explicit).map((o) => o.where);
    throw new Error(`x-sdk-name is missing on ${missing.join(', ')} (when one operation has it, every one must)`);
  }
  const key = (segments: string[]) => segments.map((s) => words(s).join('_')).join('.');
  const methods = new Map<string, string>();
  const resources = new Map<string, string>();
  for (const { op, where } of operations) {
    const name = key(op.sdkName);
    const other = methods.get(name);
    if (other) throw new Error(`${where} and ${other} have the same SDK name ${op.sdkName.join('.')}`);
    methods.set(name, where);
    for (let i = 1; i < op.sdkName.length; i++) resources.set(key(op.sdkName.slice(0, i)), where);
  }
  for (const [name, where] of methods) {
    const resource = resources.get(name);
    if (resource) throw new Error(`${where} is named ${name}, which ${resource} uses as a resource; rename one`);
  }
}
