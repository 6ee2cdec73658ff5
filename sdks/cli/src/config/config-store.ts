import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The tokens of a browser login (`namaskah login --browser`), renewed with the refresh token as they expire. */
export interface StoredOAuthTokens {
  access_token: string;
  refresh_token: string;
  /** When the access token expires (ISO 8601). */
  expires_at: string;
  scope: string;
}

/** One stored login: an API key, or a browser login's tokens, and the API it belongs to. */
export interface Profile {
  api_key?: string;
  oauth?: StoredOAuthTokens;
  base_url?: string;
}

/** `config.json`: logins by profile name (`default` unless `--profile` says otherwise). */
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

/** `$XDG_CONFIG_HOME/namaskah/config.json`, else `~/.config/namaskah/config.json`. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'namaskah', 'config.json');
}

export function readConfig(path = configPath()): ConfigFile {
  if (!existsSync(path)) return { profiles: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ConfigFile>;
  return { profiles: parsed.profiles ?? {} };
}

/**
 * Writes the file readable by its owner only (0600, its folder 0700): it holds API keys and tokens. Written to a
 * temporary file first and renamed, so a crash never leaves half a config; chmod again because a file
 * that already existed keeps its old mode through `writeFileSync`.
 */
export function writeConfig(config: ConfigFile, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * Runs `work` while holding `<config>.lock` (created exclusively), so two CLI processes never renew the same
 * refresh token: the second would present a spent one, which the server treats as theft and answers by
 * ending the session. A lock older than `staleMs` is a crashed holder's and is taken over.
 */
export async function withConfigLock<T>(work: () => Promise<T>, path = configPath(), staleMs = 15_000): Promise<T> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lock = `${path}.lock`;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Removes a profile; the file goes when no profile is left. True when there was one to remove. */
export function removeProfile(name: string, path = configPath()): boolean {
  const config = readConfig(path);
  if (!config.profiles[name]) return false;
  delete config.profiles[name];
  if (Object.keys(config.profiles).length === 0) rmSync(path, { force: true });
  else writeConfig(config, path);
  return true;
}
