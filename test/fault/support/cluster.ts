/**
 * Several reference-server nodes (the real entry point, `server-reference/src/main.ts`, each its own
 * process) on one PostgreSQL and one Redis, behind nginx with the shipped `deploy/nginx/nginx.conf`.
 */
import { freePort, type ReferenceServer, startReferenceServer } from '../../../sdks/js/test/e2e/reference-server.ts';
import { startNginx } from './engines.ts';

export interface Node extends ReferenceServer {
  name: string;
}

/** Starts one node (`src/main.ts`, API only) and resolves once it prints its banner. */
export async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  return { name, ...(await startReferenceServer({ DASHBOARD: 'off', ...env })) };
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
  const nodeEnv = { ...env, PUBLIC_URL: `http://127.0.0.1:${proxyPort}`, TRUST_PROXY: 'true' };
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
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}
