/**
 * A delivering process for the crash test: opens the database in the directory (or PostgreSQL URL) it is
 * given, and either seeds an account, an endpoint and `count` events then delivers ("seed"), or only
 * delivers what is pending ("resume"). The test SIGKILLs it mid-way and starts it again.
 *
 * usage: node crash-child.ts <seed|resume> <dataDir|postgres-url> <receiver-url> <count>
 */
import { pino } from 'pino';
import { createDatabase } from '../../../src/storage/create-database.ts';
import { migrateToLatest } from '../../../src/storage/migrate.ts';
import { seedTiers } from '../../../src/domain/demo-seed.ts';
import { createWebhookModule, loadWebhookConfig } from '../../../src/webhooks/index.ts';

const [phase, target, receiverUrl, countArg] = process.argv.slice(2);
if (!target) throw new Error('usage: crash-child <phase> <database url or data dir> <receiver url> <count>');
const isUrl = target.startsWith('postgres');
const database = await createDatabase({ databaseUrl: isUrl ? target : null, dataDir: isUrl ? '' : target });
await migrateToLatest(database.db);
const config = loadWebhookConfig(
  {},
  { sandbox: false },
  {
    secretsKey: Buffer.alloc(32, 9),
    allowedCidrs: ['127.0.0.0/8'],
    allowHttp: true,
    leaseMs: 1500,
    pollIntervalMs: 100,
    concurrency: 8,
    timeoutMs: 1000,
  },
);
const webhooks = createWebhookModule({ db: database.db, config, logger: pino({ level: 'silent' }) });

if (phase === 'seed') {
  await seedTiers(database.db);
  const userId = 'usr_crash';
  await database.db
    .insertInto('users')
    .values({
      id: userId,
      email: 'crash@example.com',
      password_hash: 'x',
      name: null,
      role: 'user',
      tier_id: 'tier_pro',
      status: 'active',
      phone_number: null,
      suspended_at: null,
    })
    .execute();
  await webhooks.endpoints.create(userId, { url: `${receiverUrl}/hook`, event_types: ['*'] });
  const count = Number(countArg);
  for (let i = 1; i <= count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i + 1) }, (_, k) => ({
      id: `evt_crash${String(i + k).padStart(5, '0')}`,
      userId,
      type: 'verification.completed',
      timestamp: new Date(),
      sequence: i + k,
      data: { n: i + k },
    }));
    await webhooks.fanout.handleMany(batch);
  }
}
webhooks.start();
process.stdout.write(`${phase} ready\n`);

// Tell the test when nothing is left to send. It cannot ask the database itself (a file-backed PGlite has
// one owner), and "the receiver has seen every id" is not enough: ids received before the kill may still
// be leased, unrecorded rows that this process must send again.
if (phase === 'resume') {
  const timer = setInterval(async () => {
    const { pending } = (await database.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('pending'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()) as { pending: number };
    if (Number(pending) === 0) {
      clearInterval(timer);
      process.stdout.write('drained\n');
    }
  }, 200);
}

process.on('SIGTERM', async () => {
  await webhooks.stop();
  await database.close();
  process.exit(0);
});
