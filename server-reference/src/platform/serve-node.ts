import type { ServerConfig } from '../config.ts';
import type { DatabaseHandle } from '../storage/create-database.ts';
import { startPlatform } from './start-platform.ts';

/**
 * Runs one node of the platform as a process (see start-platform.ts): starts it on `database`, prints the
 * banner (URL, database, providers, demo accounts), and stops cleanly on SIGTERM or SIGINT.
 *
 * @example
 * await serveNode(loadConfig(), await createDatabase(config));
 */
export async function serveNode(config: ServerConfig, database: DatabaseHandle): Promise<void> {
  const platform = await startPlatform(config, { database });
  const { services, unimplemented, demoAccounts } = platform;
  console.log(
    `Namaskah reference server on ${platform.url} (database: ${platform.database.driver}, providers: ${services.providers
      .all()
      .map((p) => p.id)
      .join(', ')}${services.redis ? ', redis fan-out' : ''})`,
  );
  console.log(
    platform.servesDashboard
      ? `  dashboard: ${platform.url}/`
      : '  dashboard: not built (pnpm --filter @namaskah/web build, or start with scripts/start.sh)',
  );
  for (const account of demoAccounts) console.log(`  ${account.role.padEnd(5)} ${account.email} / ${account.password}`);
  if (unimplemented.length > 0)
    console.log(
      `  ${unimplemented.length} operations of the spec answer 501 not_implemented: ${unimplemented.map((o) => o.operationId).join(', ')}`,
    );

  let exiting = false;
  const shutdown = (signal: string) => {
    if (exiting) return;
    exiting = true;
    services.logger.info({ signal }, 'shutting down');
    platform.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
