import { Namaskah } from '@namaskah/sdk';
import type { TestProject } from 'vitest/node';
import { DEMO_USER, startReferenceServer } from '../../js/test/e2e/reference-server.js';

/** Every scope a plain user's key can have. */
const EVERY_SCOPE = [
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
    baseUrl: string;
    /** A key of the demo user with every scope. */
    fullKey: string;
    /** A key of the demo user that may only read the catalog and verifications. */
    readOnlyKey: string;
    /** The demo user's access token (not a key). */
    accessToken: string;
  }
}

/** One reference server (demo data, simulator) for every test file, and the demo user's keys. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startReferenceServer();
  const login = await new Namaskah({ baseUrl: server.url, maxRetries: 0 }).auth.login(DEMO_USER);
  if (login.result !== 'authenticated') throw new Error(`demo login: ${login.result}`);
  const session = new Namaskah({ baseUrl: server.url, apiKey: login.tokens.access_token });
  const full = await session.apiKeys.create({ name: 'mcp tests: every scope', scopes: [...EVERY_SCOPE] });
  const readOnly = await session.apiKeys.create({ name: 'mcp tests: read only', scopes: ['catalog:read', 'verifications:read'] });
  project.provide('baseUrl', server.url);
  project.provide('fullKey', full.secret);
  project.provide('readOnlyKey', readOnly.secret);
  project.provide('accessToken', login.tokens.access_token);
  return () => server.stop();
}
