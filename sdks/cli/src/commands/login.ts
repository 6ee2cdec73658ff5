import { Namaskah } from '@namaskah/sdk';
import type { Command } from 'commander';
import { type GlobalOptions, resolveSettings } from '../config/client-settings.js';
import { configPath, readConfig, removeProfile, writeConfig } from '../config/config-store.js';
import { UsageError } from '../errors/exit-codes.js';
import { readSecret } from '../input/read-secret.js';
import { authorizeInBrowser, CLI_CLIENT_ID } from '../oauth/loopback-authorization.js';
import { openBrowser } from '../oauth/open-browser.js';
import { storedTokens } from '../oauth/stored-oauth-token.js';
import { printResult } from '../output/print-result.js';
import { notice } from '../output/status-line.js';
import { commandContext } from '../program/command-context.js';

/** The default base URL of the SDK, for the consent page's address when none is configured. */
const DEFAULT_BASE_URL = new Namaskah().http.baseUrl;

/**
 * `login --browser`: the authorization-code flow with PKCE through the dashboard's consent page and a
 * loopback redirect; the tokens (renewed as they expire) are stored in the profile instead of a key.
 */
async function loginInBrowser(globals: GlobalOptions, options: { scope?: string; timeout: string }): Promise<void> {
  const baseUrl = globals.baseUrl ?? (process.env.NAMASKAH_BASE_URL || undefined);
  const timeoutMs = Number(options.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout must be a number of seconds');
  const api = new Namaskah({ ...(baseUrl ? { baseUrl } : {}), maxRetries: 0 });
  const approved = await authorizeInBrowser({
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    ...(options.scope ? { scope: options.scope } : {}),
    timeoutMs,
    open: (url) => {
      notice(`Opening your browser to approve the login. If it does not open, visit:\n${url}`);
      openBrowser(url);
    },
  });
  const token = await api.oauth.tokens.create({
    grant_type: 'authorization_code',
    code: approved.code,
    redirect_uri: approved.redirectUri,
    client_id: CLI_CLIENT_ID,
    code_verifier: approved.codeVerifier,
  });
  const me = await api.withOptions({ apiKey: token.access_token }).me.retrieve();
  const config = readConfig();
  config.profiles[globals.profile] = { oauth: storedTokens(token), ...(baseUrl ? { base_url: baseUrl } : {}) };
  writeConfig(config);
  printResult({ logged_in: me.email, profile: globals.profile, scope: token.scope, config: configPath() }, { json: globals.json });
}

/** `login`, `logout`, `whoami`: the stored API key (or browser login) of a profile. */
export function registerLogin(program: Command): void {
  program
    .command('login')
    .description(
      'Store an API key (from --api-key, the prompt, or the first line of stdin) in the config folder, readable by you only, after checking it with GET /v1/me; or, with --browser, approve the CLI in the dashboard and store its renewable tokens',
    )
    .option('--browser', 'sign in through the dashboard in your browser (OAuth with PKCE and a loopback redirect) instead of a key')
    .option('--scope <scopes>', 'with --browser: the scopes to ask for, space-separated (default: all a key can have)')
    .option('--timeout <seconds>', 'with --browser: how long to wait for the approval', '300')
    .action(async (options: { browser?: boolean; scope?: string; timeout: string }, self: Command) => {
      const { globals } = commandContext(self);
      if (options.browser) return loginInBrowser(globals, options);
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
    .description('Forget the stored API key or browser login of the profile (a key itself stays valid: revoke it with `api-keys delete`)')
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
