import { existsSync, readFileSync } from 'node:fs';
import { isSeq, parseDocument } from 'yaml';
import type { ErrorCode, Resource } from './ir-types.js';

/**
 * The error-code catalog: every code of `schemas/error-code.yaml` with its HTTP status family.
 * The family comes from the `# 4xx` comment heading each group in that file; a code with no heading
 * takes the lowest status it is documented under in an operation, else 500.
 */
export function readErrorCodes(file: string, resources: Resource[]): ErrorCode[] {
  const usedUnder = new Map<string, number>();
  for (const op of resources.flatMap((r) => r.operations)) {
    for (const error of op.errors) {
      for (const code of error.codes) usedUnder.set(code, Math.min(usedUnder.get(code) ?? 999, error.status));
    }
  }
  if (!existsSync(file)) {
    return [...usedUnder].map(([code, status]) => ({ code, status })).sort(byStatusThenCode);
  }
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const enumNode = doc.get('enum', true);
  if (!isSeq(enumNode)) throw new Error(`${file}: expected an \`enum\` list`);
  let group: number | undefined;
  const codes: ErrorCode[] = [];
  for (const item of enumNode.items) {
    const heading = (item as { commentBefore?: string }).commentBefore?.match(/(\d)(\d\d|xx)/i);
    if (heading) group = heading[2]!.toLowerCase() === 'xx' ? Number(heading[1]) * 100 : Number(heading[0]);
    const code = String((item as { value: unknown }).value);
    codes.push({ code, status: group ?? usedUnder.get(code) ?? 500 });
  }
  return codes.sort(byStatusThenCode);
}

function byStatusThenCode(a: ErrorCode, b: ErrorCode): number {
  return a.status - b.status || a.code.localeCompare(b.code);
}
