import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/storage/create-database.ts';
import { DRIVERS } from '../support/test-server.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const CHILD = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));
const EVENTS = 120;

function startChild(args: string[]): { child: ChildProcess; ready: Promise<void>; drained: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      if (String(chunk).includes('ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
  const drained = new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk) => {
      if (String(chunk).includes('drained')) resolve();
    });
  });
  return { child, ready, drained, exited };
}

describe.each(DRIVERS)('at least once across a crash (%s)', (driver) => {
  let receiver: WebhookReceiver | null = null;
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await receiver?.close();
  });

  it('delivers every event after the delivering process is SIGKILLed with deliveries pending', async () => {
    let target: string;
    if (driver === 'postgres') {
      const schema = `crash_${randomBytes(5).toString('hex')}`;
      const admin = await createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '' });
      await admin.db.schema.createSchema(schema).execute();
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      target = url.toString();
      cleanups.push(async () => {
        await admin.db.schema.dropSchema(schema).cascade().execute();
        await admin.close();
      });
    } else {
      target = mkdtempSync(join(tmpdir(), 'webhook-crash-'));
      cleanups.push(() => rmSync(target, { recursive: true, force: true }));
    }

    receiver = await startReceiver();
    // a receiver that is slow enough for the kill to land mid-delivery, and that dedupes by webhook-id
    const processed = new Set<string>();
    receiver.respond(async (request, res) => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      processed.add(request.headers['webhook-id'] ?? '');
      res.writeHead(200);
      res.end();
    });

    const first = startChild(['seed', target, receiver.url, String(EVENTS)]);
    cleanups.push(() => {
      first.child.kill('SIGKILL');
    });
    await first.ready;
    await receiver.waitFor(EVENTS / 4, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = new Set(processed);
    expect(beforeRestart.size).toBeGreaterThan(0);
    expect(beforeRestart.size).toBeLessThan(EVENTS);

    const second = startChild(['resume', target, receiver.url, String(EVENTS)]);
    cleanups.push(() => {
      second.child.kill('SIGKILL');
    });
    await second.ready;
    await Promise.race([second.drained, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    second.child.kill('SIGTERM');
    await second.exited;

    const expected = Array.from({ length: EVENTS }, (_, i) => `evt_crash${String(i + 1).padStart(5, '0')}`);
    expect([...processed].sort()).toEqual(expected);
    // duplicates are allowed (at least once) and harmless to a receiver that dedupes
    expect(receiver.received.length).toBeGreaterThanOrEqual(EVENTS);

    const database = await createDatabase({
      databaseUrl: driver === 'postgres' ? target : null,
      dataDir: driver === 'postgres' ? '' : target,
    });
    try {
      const rows = await database.db.selectFrom('webhook_deliveries').select(['event_id', 'status']).execute();
      const succeeded = new Set(rows.filter((r) => r.status === 'succeeded').map((r) => r.event_id));
      expect(succeeded.size).toBe(EVENTS);
      expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
