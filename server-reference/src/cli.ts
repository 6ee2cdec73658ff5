import { loadConfig } from './config.ts';
import { createDatabase } from './storage/create-database.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { seedDemoData, seedTiers } from './domain/demo-seed.ts';

/** `migrate`: bring the schema up to date. `seed`: tiers plus the demo user and admin. */
const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: cli.ts migrate | seed');
  process.exit(2);
}
const config = loadConfig();
const database = await createDatabase(config);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
  await seedTiers(database.db);
  if (command === 'seed') {
    for (const account of await seedDemoData(database.db)) console.log(`${account.role}: ${account.email} / ${account.password}`);
  }
} finally {
  await database.close();
}
