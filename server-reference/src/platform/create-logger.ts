import { pino, type Logger } from 'pino';

/**
 * The node's logger. Not on a terminal (production, CI, a log collector): JSON lines to stdout through an
 * asynchronous destination (SonicBoom, buffered up to 4 KB), so a log line costs the request a buffer
 * append instead of a `write(2)`; pino flushes the buffer on process exit and `stop()` flushes it too, so
 * only a hard kill (SIGKILL, OOM) can lose the last 4 KB of lines, which is why nothing that must survive
 * (money, events, audit) is only logged. On a terminal: the same records printed for people by
 * pino-pretty in a worker thread. `LOG_FORMAT=json` or `pretty` overrides the choice.
 *
 * @example
 * const logger = createLogger(config.logLevel, config.logFormat);
 */
export function createLogger(level: string, format?: 'json' | 'pretty'): Logger {
  const pretty = format === 'pretty' || (format !== 'json' && process.stdout.isTTY === true);
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}
