// The single-file artifacts in dist/ are what third-party tools and the server's /openapi.json read: they
// must equal a fresh bundle (drift check, like the SDKs), key every schema by its title, and hold only
// internal refs that resolve, discriminator mappings included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bundleAsyncApi, bundleOpenApi, bundleTargets, serializeBundle } from '../scripts/bundle-documents.js';
import { keySchemasByTitle } from '../scripts/key-schemas-by-title.js';

const fresh = { openapi: await bundleOpenApi(), asyncapi: await bundleAsyncApi() };

function refsOf(node, where = '#', out = []) {
  if (Array.isArray(node)) for (const [i, item] of node.entries()) refsOf(item, `${where}/${i}`, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push({ ref: value, where });
      else if (key === 'discriminator' && value?.mapping)
        for (const ref of Object.values(value.mapping)) out.push({ ref, where: `${where}/discriminator` });
      else refsOf(value, `${where}/${key}`, out);
    }
  }
  return out;
}

const resolve = (document, ref) =>
  ref
    .slice(2)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, token) => node?.[token], document);

for (const [name, { output }] of Object.entries(bundleTargets)) {
  test(`dist/${name}.json is up to date (run \`pnpm gen\` after editing spec/)`, async () => {
    assert.equal(await readFile(output, 'utf8'), serializeBundle(fresh[name]));
  });

  test(`dist/${name}.json keys every schema by its PascalCase title`, () => {
    for (const [key, schema] of Object.entries(fresh[name].components.schemas)) {
      assert.equal(key, schema.title);
      assert.match(key, /^[A-Z][A-Za-z0-9]*$/);
    }
  });

  test(`dist/${name}.json has only internal refs, each resolving, mappings into components.schemas`, () => {
    const refs = refsOf(fresh[name]);
    assert.ok(refs.length > 0);
    for (const { ref, where } of refs) {
      assert.ok(ref.startsWith('#/'), `${ref} at ${where} is not internal`);
      assert.notEqual(resolve(fresh[name], ref), undefined, `${ref} at ${where} resolves to nothing`);
      if (where.endsWith('/discriminator')) assert.match(ref, /^#\/components\/schemas\/[A-Z][A-Za-z0-9]*$/);
    }
  });
}

test('the event schemas shared by both documents carry the same keys', () => {
  const asyncSchemas = fresh.asyncapi.components.schemas;
  const shared = Object.keys(fresh.openapi.components.schemas).filter((key) => key in asyncSchemas);
  assert.ok(shared.includes('VerificationCompletedEvent') && shared.includes('EventType'), shared.join(', '));
});

test('keySchemasByTitle refuses a missing or repeated title and an external ref', () => {
  const doc = (schemas, extra = {}) => ({ components: { schemas }, ...extra });
  assert.throws(() => keySchemasByTitle(doc({ a: { type: 'string' } })), /needs a PascalCase title/);
  assert.throws(() => keySchemasByTitle(doc({ a: { title: 'Same' }, b: { title: 'Same' } })), /used by both/);
  assert.throws(() => keySchemasByTitle(doc({ a: { title: 'A', $ref: './b.yaml' } })), /external ref/);
  const renamed = keySchemasByTitle(
    doc({ 'a-b': { title: 'AB', properties: { self: { $ref: '#/components/schemas/a-b/properties/x' } } } }),
  );
  assert.deepEqual(Object.keys(renamed.components.schemas), ['AB']);
  assert.equal(renamed.components.schemas.AB.properties.self.$ref, '#/components/schemas/AB/properties/x');
});
