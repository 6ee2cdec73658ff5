/**
 * Several reference-server nodes (the real entry point, `server-reference/src/main.ts`, each its own
 * process) on one PostgreSQL and one Redis, behind nginx with the shipped `deploy/nginx/nginx.conf`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, repoRoot, startNginx } from './engines.ts';

export interface Node {
  name: string;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` and resolves once it prints its banner. */
export async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const serverDir = join(repoRoot, 'server-reference');
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DASHBOARD: 'off', BOOTSTRAP_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 60 s: ${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /reference server on (http\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    void exited.then((code) => fail(new Error(`${name} exited with ${code} before listening: ${stderr}`)));
  });
  return { name, url, child, exited };
}

export interface Cluster {
  /** nginx's address: what clients use. */
  url: string;
  nodes: Node[];
  stop(): Promise<void>;
}

/**
 * `count` nodes behind nginx. The first starts alone (it migrates and seeds the demo accounts), the others
 * then together. `PUBLIC_URL` is nginx's, so tickets and links name the proxy, never a node.
 */
export async function startCluster(count: number, env: Record<string, string>): Promise<Cluster> {
  const proxyPort = await freePort();
  const publicUrl = `http://127.0.0.1:${proxyPort}`;
  const nodeEnv = { ...env, PUBLIC_URL: publicUrl, TRUST_PROXY: 'true' };
  const first = await startNode('node-1', nodeEnv);
  const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => startNode(`node-${i + 2}`, nodeEnv)));
  const nodes = [first, ...rest];
  const nginx = await startNginx(
    nodes.map((n) => new URL(n.url).host),
    proxyPort,
  );
  return {
    url: nginx.url,
    nodes,
    stop: async () => {
      nginx.stop();
      for (const node of nodes) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
      await Promise.all(nodes.map((n) => Promise.race([n.exited, new Promise((r) => setTimeout(r, 10_000))])));
      for (const node of nodes) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    },
  };
}
