/** Where the SDK's log lines go: `console` by default, or any object with these four methods (pino, winston). */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** `debug` logs every request and response, `info` retries, `warn` (default) and `error` little else. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/** An environment variable where there is an environment (Node, Deno, Bun); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The level of a client: the option, else `NAMASKAH_LOG`, else `warn`. */
export function logLevel(option: LogLevel | undefined): LogLevel {
  const level = (option ?? readEnv('NAMASKAH_LOG')?.toLowerCase()) as LogLevel;
  return LEVELS.includes(level) ? level : 'warn';
}

/** True when `level` is logged at the client's `threshold`. */
export const logs = (threshold: LogLevel, level: Exclude<LogLevel, 'off'>): boolean => LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|webhook-secret|x-webhook-secret)$/i;
const SECRET_VALUE = /\b(nmk_|whsec_|rtt_)\S*/g;

/** Headers safe to log: credentials, cookies and secrets replaced by `[redacted]`. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const safe: Record<string, string> = {};
  const add = (value: string, name: string) => {
    safe[name] = SECRET_HEADER.test(name) ? '[redacted]' : value.replace(SECRET_VALUE, '[redacted]');
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [name, value] of Object.entries(headers)) add(value, name);
  return safe;
}
