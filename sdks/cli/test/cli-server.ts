import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Namaskah } from '@namaskah/sdk';
import { inject } from 'vitest';

export interface CliServer {
  apiKey: string;
  /** An SDK client with the same key (to check what the CLI did). */
  client: Namaskah;
  /** The environment of every CLI run: a config folder of its own and the server's base URL. */
  env: Record<string, string>;
}

/** The reference server of test/global-setup.ts, with a fresh config folder for this test file. */
export function cliServer(): CliServer {
  const baseUrl = inject('baseUrl');
  const apiKey = inject('apiKey');
  const env = { XDG_CONFIG_HOME: mkdtempSync(join(inject('configRoot'), 'xdg-')), NAMASKAH_BASE_URL: baseUrl };
  return { apiKey, client: new Namaskah({ baseUrl, apiKey }), env };
}

/** Cuts every connection through the proxy in front of the server (the CLI's WebSocket included). */
export async function cutConnections(): Promise<void> {
  await (await fetch(inject('cutUrl'), { method: 'POST' })).text();
}
