// Re-keys `components.schemas` of a bundled document by each schema's PascalCase `title` and rewrites every
// `$ref` and discriminator mapping that points at a schema. Fails on a missing, non-PascalCase or repeated
// title, and on any ref that is not internal, so the artifact can only be what the contract promises.
const SCHEMA_PREFIX = '#/components/schemas/';
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

const decode = (token) => token.replace(/~1/g, '/').replace(/~0/g, '~');
const encode = (token) => token.replace(/~/g, '~0').replace(/\//g, '~1');

function renamesOf(schemas) {
  const renames = new Map();
  const owners = new Map();
  for (const [key, schema] of Object.entries(schemas)) {
    const title = schema?.title;
    if (typeof title !== 'string' || !PASCAL_CASE.test(title)) {
      throw new Error(`components.schemas.${key} needs a PascalCase title (has ${JSON.stringify(title)})`);
    }
    if (owners.has(title)) throw new Error(`title ${title} is used by both ${owners.get(title)} and ${key}`);
    owners.set(title, key);
    renames.set(key, title);
  }
  return renames;
}

function rewriteRef(ref, renames, where) {
  if (!ref.startsWith('#')) throw new Error(`external ref ${ref} left at ${where}`);
  if (!ref.startsWith(SCHEMA_PREFIX)) return ref;
  const [key, ...rest] = ref.slice(SCHEMA_PREFIX.length).split('/');
  const title = renames.get(decode(key));
  if (!title) throw new Error(`ref ${ref} at ${where} points at no schema`);
  return [SCHEMA_PREFIX + encode(title), ...rest].join('/');
}

function rewrite(node, renames, where) {
  if (Array.isArray(node)) return node.map((item, i) => rewrite(item, renames, `${where}/${i}`));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, renames, where);
    else if (key === 'discriminator' && value?.mapping) {
      const mapping = Object.fromEntries(
        Object.entries(value.mapping).map(([tag, ref]) => [tag, rewriteRef(ref, renames, `${where}/discriminator`)]),
      );
      out[key] = { ...value, mapping };
    } else out[key] = rewrite(value, renames, `${where}/${encode(key)}`);
  }
  return out;
}

/** A copy of `document` whose schemas are keyed by title, with every schema ref and mapping rewritten. */
export function keySchemasByTitle(document) {
  const schemas = document.components?.schemas ?? {};
  const renames = renamesOf(schemas);
  const rewritten = rewrite(document, renames, '#');
  rewritten.components.schemas = Object.fromEntries(
    Object.entries(rewritten.components.schemas).map(([key, schema]) => [renames.get(key), schema]),
  );
  return rewritten;
}
