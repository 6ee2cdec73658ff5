// The event payload schemas live once, in schemas/events/, and both documents reference those files:
// nothing is copied. Checked on the documents as written (before bundling), where a copy would show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { readYaml, specDir } from '../scripts/load-documents.js';

const eventsDir = path.join(specDir, 'schemas', 'events');

/** Every `$ref` string under a node. */
function refsUnder(node, out = []) {
  if (Array.isArray(node)) for (const n of node) refsUnder(n, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refsUnder(value, out);
    }
  }
  return out;
}

/** Resolves a ref written in `fromFile` to an absolute file path (fragment dropped). */
const refFile = (fromFile, ref) => path.resolve(path.dirname(fromFile), ref.split('#')[0]);

async function yamlFilesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

test('each catalog event type has exactly one schema file in schemas/events/', async () => {
  const catalog = (await readYaml('schemas/event-type.yaml')).enum;
  const byType = new Map();
  for (const file of await yamlFilesUnder(eventsDir)) {
    const text = await readFile(file, 'utf8');
    const match = text.match(/const:\s*['"]?([a-z_]+\.[a-z_]+)['"]?/);
    if (match) byType.set(match[1], [...(byType.get(match[1]) ?? []), path.basename(file)]);
  }
  for (const type of catalog) assert.equal(byType.get(type)?.length, 1, `${type}: ${byType.get(type) ?? 'no file'}`);
});

test('OpenAPI webhooks and AsyncAPI messages reference the same event files', async () => {
  const openapiFile = path.join(specDir, 'openapi.yaml');
  const webhooksRefs = refsUnder((await readYaml('openapi.yaml')).webhooks).map((r) => refFile(openapiFile, r));
  const webhookFiles = new Set();
  for (const file of new Set(webhooksRefs)) {
    for (const ref of refsUnder(YAML.parse(await readFile(file, 'utf8')))) webhookFiles.add(refFile(file, ref));
  }
  const asyncapiFile = path.join(specDir, 'asyncapi.yaml');
  const asyncRefs = new Set(refsUnder(await readYaml('asyncapi.yaml')).map((r) => refFile(asyncapiFile, r)));
  const eventFiles = (await yamlFilesUnder(eventsDir)).filter((f) => !path.basename(f).startsWith('event-base'));
  assert.ok(eventFiles.length >= 11, `expected the 11 catalog events, found ${eventFiles.length} files`);
  for (const file of eventFiles) {
    assert.ok(webhookFiles.has(file), `OpenAPI webhooks do not reference ${path.relative(specDir, file)}`);
    assert.ok(asyncRefs.has(file), `asyncapi.yaml does not reference ${path.relative(specDir, file)}`);
  }
});

test('no event schema is written out anywhere else', async () => {
  const catalog = (await readYaml('schemas/event-type.yaml')).enum;
  const offenders = [];
  for (const file of await yamlFilesUnder(specDir)) {
    if (file.startsWith(eventsDir) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const text = await readFile(file, 'utf8');
    for (const type of catalog) {
      if (new RegExp(`const:\\s*['"]?${type.replace('.', '\\.')}['"]?\\s*$`, 'm').test(text))
        offenders.push(`${path.relative(specDir, file)} defines ${type}`);
    }
  }
  assert.deepEqual(offenders, []);
});
