// A problem example must be one the operation can answer: its `code` among the codes the response narrows
// to, and its `type` and `title` those of that code (what the server derives from it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi, operationsOf } from '../scripts/load-documents.js';

const document = await loadOpenApi({ dereference: true });

function problemCodes(schema) {
  const codes = [];
  for (const part of [schema, ...(schema?.allOf ?? [])]) codes.push(...(part?.properties?.code?.enum ?? []));
  return codes;
}

test('every problem example carries a code its response lists, with the matching type', () => {
  const bad = [];
  for (const { method, path, operation } of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = response.content?.['application/problem+json'];
      if (!media) continue;
      const examples = [media.example, ...Object.values(media.examples ?? {}).map((e) => e.value)].filter(Boolean);
      const codes = problemCodes(media.schema);
      for (const example of examples) {
        const where = `${method.toUpperCase()} ${path} ${status}`;
        if (!codes.includes(example.code)) bad.push(`${where}: example code ${example.code} is not one of ${codes.join(', ')}`);
        if (example.type !== `https://docs.namaskah.dev/errors/${example.code}`)
          bad.push(`${where}: example type ${example.type} is not that of ${example.code}`);
        // the title names the problem type, as the server derives it from the code (`webhook_url_not_allowed` -> `Webhook url not allowed`)
        if (example.title?.toLowerCase() !== example.code?.replace(/_/g, ' '))
          bad.push(`${where}: example title ${example.title} is not that of ${example.code}`);
        if (String(example.status) !== status) bad.push(`${where}: example status ${example.status}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});
