import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { messages } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { PgliteWorkerClient } from '../../../src/storage/pglite-worker/index.ts';

const misbehaving = new URL('./fixtures/misbehaving-worker.ts', import.meta.url);
const clients: PgliteWorkerClient[] = [];
const open = (dataDir = 'memory://', entry?: URL) => {
  const client = new PgliteWorkerClient({ dataDir }, entry);
  clients.push(client);
  return client;
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
});

describe('PGlite in a worker thread: the client', () => {
  it('returns rows parsed as the in-process PGlite parses them (int8 as a number, timestamps as Dates, bytea as bytes)', async () => {
    const client = open();
    const { rows } = await client.query(
      "select $1::int8 as cents, timestamptz '2026-01-02T03:04:05Z' as at, '\\x0102'::bytea as bytes, $2::jsonb as doc",
      [9_007_199_254_740_000, JSON.stringify({ a: [1] })],
    );
    expect(rows).toEqual([
      { cents: 9_007_199_254_740_000, at: new Date('2026-01-02T03:04:05Z'), bytes: new Uint8Array([1, 2]), doc: { a: [1] } },
    ]);
  });

  it('reports affected rows, and runs several statements in one exec with one result each', async () => {
    const client = open();
    const results = await client.exec('create table t (n int); insert into t values (1), (2); select n from t order by n');
    expect(results).toHaveLength(3);
    expect(results[2]?.rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await client.query('update t set n = n + 10')).affectedRows).toBe(2);
  });

  it('re-creates a Postgres error on this thread with its SQLSTATE, constraint, table, detail and statement', async () => {
    const client = open();
    await client.exec('create table accounts (email text constraint accounts_email_key unique)');
    await client.query('insert into accounts values ($1)', ['a@example.test']);
    const error = await client.query('insert into accounts values ($1)', ['a@example.test']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({
      code: '23505',
      constraint: 'accounts_email_key',
      table: 'accounts',
      severity: 'ERROR',
      detail: 'Key (email)=(a@example.test) already exists.',
      query: 'insert into accounts values ($1)',
      message: 'duplicate key value violates unique constraint "accounts_email_key"',
    });
    // the session is usable after the error
    expect((await client.query('select count(*)::int as n from accounts')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses a parameter that cannot cross the thread, owing nothing for it', async () => {
    const client = open();
    await expect(client.query('select $1', [() => 1])).rejects.toThrow(/could not be cloned/);
    expect((await client.query('select 1 as n')).rows).toEqual([{ n: 1 }]);
    await client.close(); // would wait forever for a reply still counted as owed
  });

  it('close lets the statements in flight finish, then refuses new ones', async () => {
    const client = open();
    await client.exec('create table t (n int)');
    const inFlight = Array.from({ length: 20 }, (_, n) => client.query('insert into t values ($1)', [n]));
    const closed = client.close();
    await expect(client.query('select 1')).rejects.toThrow('the PGlite database is closed');
    await expect(Promise.all(inFlight)).resolves.toHaveLength(20);
    await closed;
    await expect(client.query('select 1')).rejects.toThrow('the PGlite database is closed');
  });

  it('close writes a data directory to disk: a new worker reads what the last one wrote', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pglite-worker-'));
    try {
      const writer = open(dataDir);
      await writer.exec("create table t (s text); insert into t values ('kept')");
      await writer.close();
      const reader = open(dataDir);
      expect((await reader.query('select s from t')).rows).toEqual([{ s: 'kept' }]);
      await reader.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a database that cannot be opened, from waitReady and from every call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-worker-'));
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, 'not a data directory');
    try {
      const client = open(notADirectory);
      const reason = await client.waitReady.catch((e: unknown) => e);
      expect(reason).toBeInstanceOf(Error);
      await expect(client.query('select 1')).rejects.toBe(reason);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker that crashes fails the statements in flight and every later one, instead of leaving them waiting', async () => {
    const client = open('memory://', misbehaving);
    await client.query('select 1');
    const unanswered = client.query('hang');
    const crashing = client.query('crash');
    await expect(unanswered).rejects.toThrow('the PGlite worker crashed: boom');
    await expect(crashing).rejects.toThrow('the PGlite worker crashed: boom');
    await expect(client.query('select 1')).rejects.toThrow('the PGlite worker crashed: boom');
    await client.close();
  });

  it('a worker that exits fails what it owed with its exit code', async () => {
    const client = open('memory://', misbehaving);
    await expect(client.query('exit')).rejects.toThrow('the PGlite worker exited unexpectedly (exit code 7)');
    await expect(client.exec('select 1')).rejects.toThrow('exit code 7');
  });

  it('loads under `node --import tsx`, as scripts/start.sh runs the server (this suite loads it by Node type stripping)', async () => {
    const script = new URL('./fixtures/open-under-tsx.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: new URL('.', import.meta.url).pathname,
    });
    expect(JSON.parse(stdout)).toEqual([{ n: 42 }]);
  });
});
