import { Namaskah } from '@namaskah/sdk';
import type { Command } from 'commander';
import { resolveSettings } from '../config/client-settings.js';
import { configPath, readConfig, removeProfile, writeConfig } from '../config/config-store.js';
import { UsageError } from '../errors/exit-codes.js';
import { readSecret } from '../input/read-secret.js';
import { printResult } from '../output/print-result.js';
import { commandContext } from '../program/command-context.js';

/** `login`, `logout`, `whoami`: the stored API key of a profile. */
export function registerLogin(program: Command): void {
  program
    .command('login')
    .description(
      'Store an API key (from --api-key, the prompt, or the first line of stdin) in the config folder, readable by you only, after checking it with GET /v1/me',
    )
    .action(async (_options, self: Command) => {
      const { globals } = commandContext(self);
      const apiKey = globals.apiKey ?? (await readSecret('API key: '));
      if (!apiKey) throw new UsageError('no API key given');
      const baseUrl = globals.baseUrl ?? (process.env.NAMASKAH_BASE_URL || undefined);
      const me = await new Namaskah({ apiKey, ...(baseUrl ? { baseUrl } : {}) }).me.retrieve();
      const config = readConfig();
      config.profiles[globals.profile] = { api_key: apiKey, ...(baseUrl ? { base_url: baseUrl } : {}) };
      writeConfig(config);
      printResult({ logged_in: me.email, profile: globals.profile, config: configPath() }, { json: globals.json });
    });

  program
    .command('logout')
    .description('Forget the stored API key of the profile (the key itself stays valid: revoke it with `api-keys delete`)')
    .action((_options, self: Command) => {
      const { globals } = commandContext(self);
      const removed = removeProfile(globals.profile);
      printResult({ logged_out: removed, profile: globals.profile }, { json: globals.json });
    });

  program
    .command('whoami')
    .description('The account the current key belongs to, and where the key comes from')
    .action(async (_options, self: Command) => {
      const ctx = commandContext(self);
      const settings = resolveSettings(ctx.globals);
      const me = await ctx.client().me.retrieve();
      printResult(
        { id: me.id, email: me.email, role: me.role, tier: me.tier, key_from: settings.source, base_url: ctx.client().http.baseUrl },
        { json: ctx.globals.json },
      );
    });
}
