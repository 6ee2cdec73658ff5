import { pino, type Logger } from 'pino';

/**
 * The node's logger: pino writing to stdout through an asynchronous destination (SonicBoom, buffered up to
 * 4 KB), so a log line costs the request a buffer append instead of a `write(2)`. pino flushes the buffer
 * synchronously on process exit; `stop()` flushes it too. A hard kill (SIGKILL, OOM) can lose at most the
 * last 4 KB of lines, which is why nothing that must survive (money, events, audit) is only logged.
 *
 * @example
 * const logger = createLogger(config.logLevel);
 */
export function createLogger(level: string): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}
