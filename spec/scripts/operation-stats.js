// Prints the number of operations per tag, and the total.
import { loadOpenApi, operationsOf } from './load-documents.js';

const document = await loadOpenApi();
const counts = new Map();
for (const { operation } of operationsOf(document)) {
  for (const tag of operation.tags ?? ['(untagged)']) counts.set(tag, (counts.get(tag) ?? 0) + 1);
}
const order = (document.tags ?? []).map((t) => t.name);
const rows = [...counts].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
const width = Math.max(...rows.map(([tag]) => tag.length));
for (const [tag, count] of rows) console.log(`${tag.padEnd(width)}  ${String(count).padStart(3)}`);
console.log(`${'total'.padEnd(width)}  ${String(operationsOf(document).length).padStart(3)}`);
console.log(`${'webhooks'.padEnd(width)}  ${String(Object.keys(document.webhooks ?? {}).length).padStart(3)}`);
