import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { SERVER_SETTINGS } from '../src/config-settings.ts';

/** The settings table is what docs/configuration.md prints: its defaults and types must be what loadConfig does. */
describe('server settings', () => {
  const settings = Object.entries(SERVER_SETTINGS);

  it('prints, as each default, the value read when the variable is unset', () => {
    const wrong: string[] = [];
    for (const [key, setting] of settings) {
      const value: unknown = setting.read(undefined);
      const printed = Array.isArray(value) ? value.join(',') : String(value);
      // computed defaults (a dev key, http://HOST:PORT) are prose, not a value to compare
      if (setting.defaultText.startsWith('`') && !setting.defaultText.includes('HOST') && setting.defaultText !== `\`${printed}\``)
        wrong.push(`${key}: prints ${setting.defaultText}, reads ${printed}`);
      if (setting.defaultText === 'unset' && value !== null) wrong.push(`${key}: prints unset, reads ${printed}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names every variable once', () => {
    const names = settings.map(([, setting]) => setting.env);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads each variable into its own key of the configuration', () => {
    const config = loadConfig({
      PORT: '9001',
      CORS_ORIGINS: ' https://a.example , ,https://b.example',
      SANDBOX: 'false',
      TRUST_PROXY: 'true',
    });
    expect(config.port).toBe(9001);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.sandbox).toBe(false);
    expect(config.trustProxy).toBe(true);
    expect(config.publicUrl).toBe('http://127.0.0.1:9001');
  });

  it('refuses an integer setting it can only half read, naming the variable', () => {
    expect(() => loadConfig({ PORT: '80abc' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ VERIFICATION_TTL_MINUTES: '1.5' })).toThrow(/VERIFICATION_TTL_MINUTES/);
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });

  it('refuses a secrets key that is not 32 bytes', () => {
    expect(() => loadConfig({ SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(loadConfig({ SECRETS_KEY: 'ab'.repeat(32) }).secretsKey).toEqual(Buffer.alloc(32, 0xab));
  });
});
