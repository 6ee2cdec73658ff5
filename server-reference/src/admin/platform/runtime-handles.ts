import type { Redis } from 'ioredis';
import type { ReplicaState } from '../../storage/read-replica/index.ts';
import type { AppServices } from '../../http/app-env.ts';
import type { ProviderRegistry } from '../../providers/index.ts';
import type { UpstreamProvider } from '../../domain/ports/upstream-provider.ts';

/**
 * The parts of the running platform the admin views report on. The optional ones are looked up on the
 * app's services under these names, so the admin code works before and after each is wired: `redis`,
 * `realtimeHub` (anything with a `size`, the number of open connections on this node).
 */
export interface RuntimeHandles {
  providers: UpstreamProvider[];
  registry: Pick<ProviderRegistry, 'setRouting' | 'routing'>;
  redis: Pick<Redis, 'ping'> | null;
  realtimeConnections: (() => number) | null;
  /** The read replica's state (status and lag). */
  readReplica: () => Promise<ReplicaState>;
}

export function runtimeHandles(services: AppServices): RuntimeHandles {
  const extra = services as AppServices & { redis?: Redis | null; realtimeHub?: { size: number } };
  return {
    providers: services.providers.all(),
    registry: services.providers,
    redis: extra.redis ?? null,
    realtimeConnections: extra.realtimeHub ? () => extra.realtimeHub!.size : null,
    readReplica: () => services.reads.state(),
  };
}
