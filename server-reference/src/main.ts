import { loadConfig } from './config.ts';
import { startPlatform } from './platform/start-platform.ts';

/**
 * Starts one node of the platform (see platform/start-platform.ts): PGlite under ./data unless
 * DATABASE_URL is set, the providers named in PROVIDERS, Redis fan-out when REDIS_URL is set, and the
 * dashboard when web/dist is built. SIGTERM or SIGINT stops it cleanly.
 */
const config = loadConfig();
const platform = await startPlatform(config);
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
