// Writes spec/dist/openapi.json and spec/dist/asyncapi.json; with --check, writes nothing and fails when
// the committed artifacts differ from a fresh bundle (the drift check `pnpm gen:check` and the tests run).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleAsyncApi, bundleOpenApi, bundleTargets, distDir, serializeBundle } from './bundle-documents.js';

const check = process.argv.includes('--check');
const documents = { openapi: await bundleOpenApi(), asyncapi: await bundleAsyncApi() };
let stale = 0;
await mkdir(distDir, { recursive: true });
for (const [name, { output }] of Object.entries(bundleTargets)) {
  const text = serializeBundle(documents[name]);
  const relative = path.relative(process.cwd(), output);
  if (check) {
    const committed = await readFile(output, 'utf8').catch(() => null);
    if (committed !== text) {
      stale += 1;
      console.error(`bundle: ${relative} is stale; run \`pnpm gen\``);
    }
  } else {
    await writeFile(output, text);
    console.log(`bundle: wrote ${relative}`);
  }
}
if (stale) process.exit(1);
