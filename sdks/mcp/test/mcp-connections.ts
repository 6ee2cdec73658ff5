import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { inject } from 'vitest';

/** The built bin (`pnpm test` runs tsup first): what `npx namaskah-mcp` starts. */
export const BIN = resolve(import.meta.dirname, '../dist/cli.js');

export interface Connection {
  client: Client;
  /** The MCP endpoint, over HTTP. */
  url?: string;
  close(): Promise<void>;
}

const environment = (apiKey?: string) => ({
  PATH: process.env.PATH ?? '',
  NAMASKAH_BASE_URL: inject('baseUrl'),
  ...(apiKey ? { NAMASKAH_API_KEY: apiKey } : {}),
});

const newClient = () => new Client({ name: 'namaskah-mcp tests', version: '0.0.0' });

/** The MCP SDK's client over stdio, the server started as a subprocess (as a desktop client does). */
export async function connectStdio(apiKey: string | undefined, flags: string[] = []): Promise<Connection> {
  const client = newClient();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...flags],
    env: environment(apiKey),
    stderr: 'pipe',
  });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

/** The MCP SDK's client over streamable HTTP, the server started as a subprocess with `--http --port 0`. */
export async function connectHttp(apiKey: string | undefined, flags: string[] = []): Promise<Connection> {
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0', ...flags], {
    env: environment(apiKey),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  const client = newClient();
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    client,
    url,
    close: async () => {
      await client.close();
      child.kill('SIGTERM');
    },
  };
}

/** Both transports, for tests that run over each. */
export const TRANSPORTS = { stdio: connectStdio, 'streamable HTTP': connectHttp };

/** Starts the bin and resolves with what it prints before exiting (a start-up refusal). */
export function runToExit(apiKey: string | undefined, flags: string[] = []): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...flags], { env: environment(apiKey), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stderr })));
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`namaskah-mcp did not listen in 20 s:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`namaskah-mcp exited with ${code}:\n${output}`)));
  });
}

/** A tool result's JSON (the text content the server writes). */
export function resultJson(result: unknown): any {
  const content = (result as CallToolResult).content[0];
  if (content?.type !== 'text') throw new Error(`not a text result: ${JSON.stringify(result)}`);
  return JSON.parse(content.text);
}
