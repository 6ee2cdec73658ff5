import { Redis } from 'ioredis';
import type { ServerConfig } from '../config.ts';

/**
 * The node's Redis connection: through Redis Sentinel when sentinels are configured (ioredis asks them for
 * the current master and follows a failover: it reconnects to the promoted replica, re-subscribes, and
 * commands sent meanwhile wait in its offline queue), else the one server of `REDIS_URL`; null for neither.
 */
export function connectRedis(config: Pick<ServerConfig, 'redisUrl' | 'redisSentinels' | 'redisSentinelName'>): Redis | null {
  // a command fails after two reconnection attempts instead of waiting for ever: callers fall back or retry
  const common = { maxRetriesPerRequest: 2 };
  if (config.redisSentinels.length > 0) {
    return new Redis({ ...common, sentinels: config.redisSentinels, name: config.redisSentinelName });
  }
  return config.redisUrl ? new Redis(config.redisUrl, common) : null;
}
