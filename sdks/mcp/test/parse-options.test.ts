import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/program/parse-options.js';

describe('namaskah-mcp options', () => {
  it('serves stdio with nothing allowed by default, the key and base URL from the environment', () => {
    expect(parseOptions([], { NAMASKAH_API_KEY: 'nmk_test_a', NAMASKAH_BASE_URL: 'http://127.0.0.1:9' })).toEqual({
      apiKey: 'nmk_test_a',
      baseUrl: 'http://127.0.0.1:9',
      allowMoneyMovement: false,
      allowDestructive: false,
      help: false,
      version: false,
    });
  });

  it('flags over the environment; --http on port 3333 of loopback unless told', () => {
    const options = parseOptions(['--api-key', 'nmk_test_b', '--allow-money-movement', '--allow-destructive', '--http'], {
      NAMASKAH_API_KEY: 'nmk_test_a',
    });
    expect(options).toMatchObject({
      apiKey: 'nmk_test_b',
      allowMoneyMovement: true,
      allowDestructive: true,
      http: { port: 3333, host: '127.0.0.1' },
    });
    expect(parseOptions(['--http', '--port', '0', '--host', '0.0.0.0'], {}).http).toEqual({ port: 0, host: '0.0.0.0' });
  });

  it('refuses an unknown flag, a bad port, and --port without --http', () => {
    expect(() => parseOptions(['--allow-everything'], {})).toThrow(/--allow-everything/);
    expect(() => parseOptions(['--http', '--port', '70000'], {})).toThrow(/--port must be a port number/);
    expect(() => parseOptions(['--port', '3000'], {})).toThrow(/need --http/);
  });
});
