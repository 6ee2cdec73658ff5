import type { Kysely } from 'kysely';
import { ApiError, problems } from '../../errors/index.ts';
import { cancelPendingDeliveries, disableEndpoint } from '../dispatch/endpoint-state.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { generateWebhookSecret, secretPrefix } from '../signing/webhook-secret.ts';
import type { AddressPolicy } from '../ssrf/address-policy.ts';
import { checkEndpointUrl } from '../ssrf/check-endpoint-url.ts';
import type { HostResolver } from '../ssrf/host-resolver.ts';
import type { EndpointRow } from '../storage/webhook-tables.ts';
import type { WebhookClock } from '../webhook-clock.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import { newWebhookId } from '../webhook-ids.ts';
import { checkEndpointHeaders, headersSealContext, maskEndpointHeaders } from './endpoint-headers.ts';
import { checkEventTypes } from './event-type-filter.ts';
import type { Database } from '../../storage/database-schema.ts';

export interface CreateEndpointInput {
  url: string;
  description?: string;
  event_types: string[];
  headers?: Record<string, string>;
  max_deliveries_per_second?: number | null;
  enabled?: boolean;
}

export interface UpdateEndpointInput {
  url?: string;
  description?: string | null;
  event_types?: string[];
  headers?: Record<string, string>;
  max_deliveries_per_second?: number | null;
  enabled?: boolean;
}

export interface EndpointServiceDeps {
  db: Kysely<Database>;
  secrets: SecretBox;
  policy: AddressPolicy;
  resolve: HostResolver;
  clock: WebhookClock;
  config: Pick<WebhookConfig, 'allowHttp' | 'maxEndpointsPerAccount'>;
}

/**
 * Webhook endpoints of an account: create (the secret is returned once and stored encrypted), list, get,
 * change, delete, rotate the secret. Every method is scoped to the owner: another account's endpoint is
 * "not found".
 */
export class EndpointService {
  private readonly deps: EndpointServiceDeps;
  constructor(deps: EndpointServiceDeps) {
    this.deps = deps;
  }

  async create(userId: string, input: CreateEndpointInput): Promise<{ endpoint: EndpointRow; secret: string }> {
    const eventTypes = checkEventTypes(input.event_types);
    const headers = checkEndpointHeaders(input.headers ?? {});
    const url = await this.#checkUrl(input.url);
    const id = newWebhookId('whk', this.deps.clock.now());
    const secret = generateWebhookSecret();
    const now = new Date(this.deps.clock.now());
    const endpoint = await this.deps.db.transaction().execute(async (trx) => {
      // the owner's row lock serialises concurrent creates, so the limit holds under races
      await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
      const { count } = await trx
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= this.deps.config.maxEndpointsPerAccount) {
        throw new ApiError(
          'resource_limit_reached',
          `An account can have at most ${this.deps.config.maxEndpointsPerAccount} webhook endpoints; delete one first.`,
        );
      }
      const enabled = input.enabled ?? true;
      return trx
        .insertInto('webhook_endpoints')
        .values({
          id,
          user_id: userId,
          url,
          description: input.description ?? null,
          event_types: JSON.stringify(eventTypes),
          enabled,
          disabled_reason: enabled ? null : 'manual',
          disabled_at: enabled ? null : now,
          secret_ciphertext: this.deps.secrets.seal(secret, id),
          secret_prefix: secretPrefix(secret),
          previous_secret_ciphertext: null,
          previous_secret_expires_at: null,
          ...this.#sealHeaders(id, headers),
          max_deliveries_per_second: input.max_deliveries_per_second ?? null,
          last_success_at: null,
          failure_since: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { endpoint, secret };
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether there is more. */
  async list(userId: string, page: { limit: number; startingAfter?: string; enabled?: boolean }): Promise<EndpointRow[]> {
    let query = this.deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    if (page.enabled !== undefined) query = query.where('enabled', '=', page.enabled);
    return query.execute();
  }

  async get(userId: string, id: string): Promise<EndpointRow> {
    const row = await this.deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw problems.notFound(`webhook endpoint ${id}`);
    return row;
  }

  /**
   * Applies the fields present. `enabled: false` disables (`manual`) and cancels pending attempts;
   * `enabled: true` re-enables and clears the failure run. An empty change changes nothing.
   */
  async update(userId: string, id: string, input: UpdateEndpointInput): Promise<EndpointRow> {
    const current = await this.get(userId, id);
    const changes: Record<string, unknown> = {};
    if (input.event_types !== undefined) changes.event_types = JSON.stringify(checkEventTypes(input.event_types));
    if (input.url !== undefined) changes.url = await this.#checkUrl(input.url);
    if (input.description !== undefined) changes.description = input.description;
    if (input.headers !== undefined) Object.assign(changes, this.#sealHeaders(id, checkEndpointHeaders(input.headers)));
    if (input.max_deliveries_per_second !== undefined) changes.max_deliveries_per_second = input.max_deliveries_per_second;
    const now = new Date(this.deps.clock.now());
    return this.deps.db.transaction().execute(async (trx) => {
      if (input.enabled === false) await disableEndpoint(trx, id, 'manual', now);
      if (input.enabled === true && !current.enabled) {
        Object.assign(changes, { enabled: true, disabled_reason: null, disabled_at: null, failure_since: null });
      }
      if (Object.keys(changes).length > 0) {
        await trx
          .updateTable('webhook_endpoints')
          .set({ ...changes, updated_at: now })
          .where('id', '=', id)
          .execute();
      }
      const row = await trx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw problems.notFound(`webhook endpoint ${id}`);
      return row;
    });
  }

  /** Deletes the endpoint with its secrets and delivery log (attempts in flight may still arrive). */
  async delete(userId: string, id: string): Promise<void> {
    await this.get(userId, id);
    await this.deps.db.transaction().execute(async (trx) => {
      await cancelPendingDeliveries(trx, id);
      await trx.deleteFrom('webhook_endpoints').where('id', '=', id).where('user_id', '=', userId).execute();
    });
  }

  /**
   * A new secret; the replaced one keeps signing for `overlapSeconds` (0: stops at once). Rotating during
   * an overlap ends the older previous secret, so at most two secrets ever sign.
   */
  async rotateSecret(userId: string, id: string, overlapSeconds: number): Promise<{ endpoint: EndpointRow; secret: string }> {
    const secret = generateWebhookSecret();
    const now = this.deps.clock.now();
    // one statement: the replaced secret is read and moved in the same row update, so concurrent rotations cannot lose one
    const endpoint = await this.deps.db
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        secret_ciphertext: this.deps.secrets.seal(secret, id),
        secret_prefix: secretPrefix(secret),
        previous_secret_ciphertext: overlapSeconds > 0 ? eb.ref('secret_ciphertext') : null,
        previous_secret_expires_at: overlapSeconds > 0 ? new Date(now + overlapSeconds * 1000) : null,
        updated_at: new Date(now),
      }))
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    if (!endpoint) throw problems.notFound(`webhook endpoint ${id}`);
    return { endpoint, secret };
  }

  /** The columns holding `headers`: sealed (values may be credentials), and the masked copy responses show. */
  #sealHeaders(id: string, headers: Record<string, string>) {
    const empty = Object.keys(headers).length === 0;
    return {
      headers_ciphertext: empty ? null : this.deps.secrets.seal(JSON.stringify(headers), headersSealContext(id)),
      headers_shown: JSON.stringify(maskEndpointHeaders(headers)),
    };
  }

  async #checkUrl(url: string): Promise<string> {
    await checkEndpointUrl(url, { policy: this.deps.policy, resolve: this.deps.resolve, allowHttp: this.deps.config.allowHttp });
    return url;
  }
}
