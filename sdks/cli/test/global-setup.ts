import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Namaskah } from '@namaskah/sdk';
import type { TestProject } from 'vitest/node';
import { DEMO_USER, freePort, startReferenceServer } from '../../js/test/e2e/reference-server.js';
import { CuttingProxy } from './cutting-proxy.js';

/** Every scope a plain user's key can have. */
const SCOPES = [
  'verifications:read',
  'verifications:write',
  'wallet:read',
  'wallet:write',
  'webhooks:read',
  'webhooks:write',
  'events:read',
  'analytics:read',
  'catalog:read',
  'notifications:read',
  'notifications:write',
] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The reference server's URL through the cutting proxy (also its PUBLIC_URL, so WebSockets go through it). */
    baseUrl: string;
    /** An API key of the demo user. */
    apiKey: string;
    /** POST here to cut every connection through the proxy; answers how many cuts so far. */
    cutUrl: string;
    configRoot: string;
  }
}

/** One reference server (demo data, simulator) behind a cutting proxy for every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const proxy = new CuttingProxy();
  const proxyPort = await freePort();
  await proxy.listen(proxyPort);
  const baseUrl = `http://127.0.0.1:${proxyPort}`;
  const server = await startReferenceServer({ PUBLIC_URL: baseUrl });
  const { hostname, port } = new URL(server.url);
  proxy.target = { host: hostname, port: Number(port) };

  const login = await new Namaskah({ baseUrl: server.url, maxRetries: 0 }).auth.login(DEMO_USER);
  if (login.result !== 'authenticated') throw new Error(`demo login: ${login.result}`);
  const session = new Namaskah({ baseUrl: server.url, apiKey: login.tokens.access_token });
  const key = await session.apiKeys.create({ name: 'cli tests', scopes: [...SCOPES] });

  const control = createServer((_req, res) => {
    proxy.cut();
    res.end(String(proxy.cuts));
  });
  const controlPort = await freePort();
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));

  project.provide('baseUrl', baseUrl);
  project.provide('apiKey', key.secret);
  project.provide('cutUrl', `http://127.0.0.1:${controlPort}/cut`);
  project.provide('configRoot', mkdtempSync(join(tmpdir(), 'namaskah-cli-')));
  return async () => {
    control.close();
    await proxy.close();
    await server.stop();
  };
}
