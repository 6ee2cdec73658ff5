/**
 * The writers of the latency benchmark on PostgreSQL, in a process of their own (as another node's
 * request handlers would be): the server's process pays only for dispatching and sending, and is woken by
 * this process's NOTIFY after each commit (events/outbox-wake-channel.ts), as a node is by its peers.
 * Answers one `append` message with the commit times, on the machine-wide clock.
 */
import { OutboxWakeChannel } from '../../../server-reference/src/events/outbox-wake-channel.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { appendAtRate } from './append-at-rate.ts';

process.once('message', async (message: { databaseUrl: string; userIds: string[]; rate: number; seconds: number }) => {
  const database = await createDatabase({ databaseUrl: message.databaseUrl, dataDir: '', poolSize: 20 });
  const announcer = new OutboxWakeChannel({ databaseUrl: message.databaseUrl });
  await announcer.start();
  const appended = await appendAtRate(database.db, message.userIds, message.rate, message.seconds);
  await announcer.stop();
  await database.close();
  process.send!(appended, () => process.exit(0));
});
