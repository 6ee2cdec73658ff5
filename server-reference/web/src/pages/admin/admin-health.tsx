import type { SystemHealth } from '@namaskah/sdk';
import type { ReactNode } from 'react';
import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus } from '../../components/api-status.tsx';
import { formatBps, formatMoney, formatTime } from '../../components/format.ts';
import { formatElapsed, formatMilliseconds } from '../../components/format-elapsed.ts';

/** A check's status in words: `not_configured` -> `not configured`. */
const statusWords = (status: string): string => status.replaceAll('_', ' ');

/** One check as a tile: its name, a status badge (when the check has a status), and its figures in human units. */
function Tile({ name, status, children }: { name: string; status?: string; children: ReactNode }) {
  return (
    <article
      className={`card tile ${status ?? ''}`}
      aria-label={status ? `${name}: ${statusWords(status)}` : name}
      data-testid="health-tile"
    >
      <h3>{name}</h3>
      {status && (
        <p>
          <span className={`badge ${status}`}>{statusWords(status)}</span>
        </p>
      )}
      <div className="tile-figures">{children}</div>
    </article>
  );
}

/** Every check of the report, one tile each (a provider per tile), none shown as raw JSON. */
function HealthTiles({ checks }: { checks: SystemHealth['checks'] }) {
  const { database, redis, read_replica: replica, queue, websocket, webhooks, providers } = checks;
  return (
    <div className="tile-grid">
      <Tile name="Database" status={database.status}>
        Round trip {formatMilliseconds(database.latency_ms)}
      </Tile>
      <Tile name="Redis" status={redis.status}>
        {redis.status === 'not_configured'
          ? 'Fan-out and rate limits run in process'
          : `Round trip ${formatMilliseconds(redis.latency_ms)}`}
      </Tile>
      <Tile name="Read replica" status={replica.status}>
        {replica.status === 'not_configured'
          ? 'Analytics read from the primary'
          : replica.lag_seconds === null
            ? 'Lag unknown'
            : `${formatElapsed(replica.lag_seconds)} behind`}
      </Tile>
      <Tile name="Job queue" status={queue.status}>
        {queue.depth} {queue.depth === 1 ? 'job' : 'jobs'} due
        {queue.oldest_job_age_ms !== null && <>, oldest waiting {formatMilliseconds(queue.oldest_job_age_ms)}</>}
      </Tile>
      <Tile name="Real time">
        {websocket.connections} open {websocket.connections === 1 ? 'connection' : 'connections'}
      </Tile>
      <Tile name="Webhooks" status={webhooks.status}>
        {formatBps(webhooks.failure_rate)} of attempts failed in the last hour; {webhooks.failing_endpoints} failing{' '}
        {webhooks.failing_endpoints === 1 ? 'endpoint' : 'endpoints'}
      </Tile>
      {providers.map((provider) => (
        <Tile key={provider.id} name={`Provider ${provider.slug}`} status={provider.status}>
          {provider.enabled ? 'Routing new purchases' : 'Disabled'}; balance{' '}
          {provider.balance ? formatMoney(provider.balance) : 'not reported'}
        </Tile>
      ))}
    </div>
  );
}

/** Database, Redis, replica, providers, queue, real-time and webhook health as status tiles, refreshed on demand. */
export function AdminHealth() {
  const health = useApi(() => client.admin.health.retrieve(), []);
  return (
    <section aria-label="System health">
      <div className="row spread wrap">
        <h2>
          Status: <span className={`badge ${health.data?.status ?? ''}`}>{health.data?.status ?? '…'}</span>
        </h2>
        <button type="button" className="secondary" onClick={health.reload}>
          Refresh
        </button>
      </div>
      <ApiStatus error={health.error} loading={health.loading && !health.data} />
      {health.data && (
        <>
          <p className="muted">
            Version {health.data.version} · up {formatElapsed(health.data.uptime_s)} · checked {formatTime(health.data.checked_at)}
          </p>
          <HealthTiles checks={health.data.checks} />
        </>
      )}
    </section>
  );
}
