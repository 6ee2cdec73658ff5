import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/storage/queue/job-queue.ts';
import { createNotificationModule, type NotificationModule } from '../../src/notifications/notification-module.ts';
import { loadNotificationConfig } from '../../src/notifications/notification-config.ts';
import { registerNotificationJobs } from '../../src/notifications/notification-jobs.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { insertUser } from './support/insert-user.ts';

describe('delivery wake-ups on the PostgreSQL-backed job queue', () => {
  let database: DatabaseHandle;
  let jobs: JobQueue;
  let module: NotificationModule;

  beforeEach(async () => {
    database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrateToLatest(database.db);
    await seedTiers(database.db);
    jobs = new JobQueue({ db: database.db, driver: 'pglite' });
    await jobs.start();
    module = createNotificationModule({ db: database.db, config: loadNotificationConfig({}, { deliveryIntervalMs: 0 }), jobQueue: jobs });
    // no periodic tick: only the wake-up job the router schedules can deliver
    await registerNotificationJobs(jobs, module, { tickSeconds: 0 });
  });
  afterEach(async () => {
    await jobs.stop(2000);
    await module.close();
    await database.close();
  });

  it('delivers a routed notification through a queued deliver-due job, with no one calling the worker', async () => {
    const user = await insertUser(database.db);
    await module.router.notify({
      type: 'security.alert',
      userId: user.id,
      key: 'job-1',
      details: { alert: 'api_key_created', values: { name: 'ci' } },
    });
    const mailbox = database.db.selectFrom('mailbox_messages').select('subject').where('to_address', '=', user.email);
    const deadline = Date.now() + 15_000;
    while ((await mailbox.execute()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await mailbox.execute()).toEqual([{ subject: 'API key created' }]);
  });
});
