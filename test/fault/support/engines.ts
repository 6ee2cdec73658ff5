/**
 * Throwaway PostgreSQL, Redis and nginx servers from the machine's Debian packages, each in a temporary
 * folder on free loopback ports, for the fault suite: it owns them, so it may kill and restart them.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../sdks/js/test/e2e/reference-server.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

const postgresBin = (): string | undefined => {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(a) - Number(b));
  const bin = versions.length ? join(base, versions.at(-1)!, 'bin') : undefined;
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined;
};

/** Whether this machine has what the fault suite runs (PostgreSQL, Redis, nginx). */
export function missingEngines(): string[] {
  const missing: string[] = [];
  if (!postgresBin()) missing.push('postgresql');
  for (const bin of ['redis-server', 'nginx']) {
    try {
      execFileSync('sh', ['-c', `command -v ${bin} || test -x /usr/sbin/${bin}`], { stdio: 'ignore' });
    } catch {
      missing.push(bin);
    }
  }
  return missing;
}

export interface Postgres {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back in a second or two. */
  restart(): void;
  stop(): void;
  /** Runs one SQL statement with psql and returns its output (unaligned, tuples only). */
  query(statement: string): string;
  /** The server's log so far (every statement in it with `logStatements`). */
  log(): string;
}

/**
 * A throwaway PostgreSQL server; with `standbyOf`, a streaming replica of that one (`pg_basebackup -R`:
 * a base backup that starts as a hot standby and follows the primary's WAL over a replication connection).
 */
export async function startPostgres(options: { standbyOf?: Postgres; logStatements?: boolean } = {}): Promise<Postgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'namaskah-fault-pg-'));
  const port = await freePort();
  // initdb refuses to run as root: Debian's package creates the postgres user for that
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) execFileSync('chown', ['postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const [command = '', ...prefix] = [...asUser, join(bin, tool)];
    execFileSync(command, [...prefix, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  // initdb's default pg_hba.conf trusts replication connections from loopback, which the standby uses
  if (options.standbyOf) {
    const source = ['-h', '127.0.0.1', '-p', String(options.standbyOf.port), '-U', 'postgres'];
    run('pg_basebackup', [...source, '-D', join(dir, 'data'), '-R', '-X', 'stream', '--no-sync', '-c', 'fast']);
  } else run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300${options.logStatements ? ' -c log_statement=all' : ''}`;
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', serverOptions, ...args]);
  ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    log: () => readFileSync(join(dir, 'log'), 'utf8'),
    query: (statement) =>
      execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-X', '-At', '-c', statement], {
        encoding: 'utf8',
      }).trim(),
    restart: () => ctl('restart', '-m', 'fast'),
    stop: () => {
      try {
        ctl('stop', '-m', 'immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface Service {
  url: string;
  stop(): void;
}

export interface RedisServer extends Service {
  port: number;
  /** SIGKILL: the server is gone at once, as in a crash. */
  kill(): void;
}

/** A Redis server; `replicaOf` makes it a replica of the server on that port. */
export async function startRedis(options: { replicaOf?: number } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'namaskah-fault-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
  if (options.replicaOf) args.push('--replicaof', '127.0.0.1', String(options.replicaOf));
  const server = await daemon('redis-server', args, port, dir);
  return { url: `redis://127.0.0.1:${port}`, port, kill: () => server.child.kill('SIGKILL'), stop: server.stop };
}

export interface Sentinel {
  port: number;
  stop(): void;
}

/**
 * Redis Sentinels watching the master on `masterPort` under the name `mymaster` (quorum 2 of 3), quick to
 * act: the master is down after 1 s without an answer, and a failover may take 5 s.
 */
export async function startSentinels(masterPort: number, count = 3): Promise<Sentinel[]> {
  const sentinels: Sentinel[] = [];
  for (let i = 0; i < count; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'namaskah-fault-sentinel-'));
    const port = await freePort();
    // a sentinel rewrites its config file as it learns the topology: each gets a file of its own
    const config = join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor mymaster 127.0.0.1 ${masterPort} ${Math.min(2, count)}`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 5000',
        'sentinel parallel-syncs mymaster 1',
        '',
      ].join('\n'),
    );
    sentinels.push({ port, stop: (await daemon('redis-server', [config, '--sentinel'], port, dir)).stop });
  }
  return sentinels;
}

/**
 * nginx with `deploy/nginx/nginx.conf`, the file operators deploy: only its `listen` port and the
 * `server` lines of its upstream are replaced (and logs go to the temporary folder). A change to the
 * shipped file that these replacements no longer match fails here, so the test always runs that file.
 */
export async function startNginx(upstreams: string[], port: number): Promise<Service> {
  const shipped = readFileSync(join(repoRoot, 'deploy/nginx/nginx.conf'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'namaskah-fault-nginx-'));
  const replace = (text: string, pattern: RegExp, by: string) => {
    if (!pattern.test(text)) throw new Error(`deploy/nginx/nginx.conf no longer has ${pattern}`);
    return text.replace(pattern, by);
  };
  const serverLine = /^( *)server 127\.0\.0\.1:\d+ (.*);\n/m;
  const [, indent, params] = serverLine.exec(shipped) ?? [];
  let config = shipped.replace(new RegExp(serverLine.source, 'gm'), '');
  config = replace(config, /^( *)keepalive \d+;/m, `${upstreams.map((u) => `${indent}server ${u} ${params};`).join('\n')}\n$&`);
  config = replace(config, /listen 8080;/, `listen 127.0.0.1:${port};`);
  config = replace(config, /^worker_processes auto;/m, `worker_processes 2;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;`);
  const path = join(dir, 'nginx.conf');
  writeFileSync(path, config);
  const nginx = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  // `daemon off` keeps it our child; the prefix holds its temporary files
  const server = await daemon(nginx, ['-p', `${dir}/`, '-c', path, '-g', 'daemon off;'], port, dir, 'SIGQUIT');
  return { url: `http://127.0.0.1:${port}`, stop: server.stop };
}

/** Starts a server process that listens on `port` and lives in `dir`; `stop` ends it and removes `dir`. */
async function daemon(command: string, args: string[], port: number, dir: string, signal: NodeJS.Signals = 'SIGKILL') {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port);
  return {
    child,
    stop: () => {
      child.kill(signal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}
