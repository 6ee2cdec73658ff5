import type { SomeHandlers } from '../operation-handler.ts';
import { ProviderError } from '../../domain/ports/provider-error.ts';
import { ApiError } from '../../errors/index.ts';
import { page } from '../../serializers/money.ts';
import { serializeSms, serializeVerification } from '../../serializers/verification-serializers.ts';
import { json, pageParams, principalOf } from './respond.ts';

/** verifications tag: buy, list, get, cancel, report, messages, and the sandbox SMS injector. */
export const verificationRoutes = {
  async createVerification(c) {
    const principal = principalOf(c);
    const key = c.req.header('idempotency-key') ?? null;
    const { verification } = await c.get('services').verifications.create(principal.user, principal.tier, c.get('input').body, key);
    return json(c, 201, serializeVerification(verification), { Location: `/v1/verifications/${verification.id}` });
  },

  async listVerifications(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    const { query } = c.get('input');
    const rows = await c.get('services').verifications.list(principal.user.id, {
      ...params,
      status: query.status,
      service: query.service,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (v) => v.id, serializeVerification),
    );
  },

  async getVerification(c) {
    const row = await c.get('services').verifications.get(principalOf(c).user.id, c.get('input').path.verification_id);
    return json(c, 200, serializeVerification(row));
  },

  async cancelVerification(c) {
    const row = await c.get('services').verifications.cancel(principalOf(c).user.id, c.get('input').path.verification_id);
    return json(c, 200, serializeVerification(row));
  },

  async requestAnotherCode(c) {
    const row = await c.get('services').verifications.requestAnotherCode(principalOf(c).user.id, c.get('input').path.verification_id);
    return json(c, 200, serializeVerification(row));
  },

  async reportVerification(c) {
    const principal = principalOf(c);
    const { path, body } = c.get('input');
    const service = c.get('services').verifications;
    const before = await service.get(principal.user.id, path.verification_id);
    if (before.reported_at) throw new ApiError('verification_already_reported', `Verification ${before.id} was already reported.`);
    const after = await service.report(principal.user.id, before.id, body.reason, body.note ?? null);
    return json(c, 200, {
      verification_id: after.id,
      reason: body.reason,
      note: body.note ?? null,
      outcome: before.status === 'pending' && after.status === 'cancelled' ? 'cancelled' : 'recorded',
      reported_at: after.reported_at!.toISOString(),
      verification: serializeVerification(after),
    });
  },

  async listVerificationMessages(c) {
    const params = pageParams(c);
    const rows = await c.get('services').verifications.messages(principalOf(c).user.id, c.get('input').path.verification_id, params);
    return json(
      c,
      200,
      page(rows, params.limit, (m) => m.id, serializeSms),
    );
  },

  async injectSandboxSms(c) {
    const principal = principalOf(c);
    const { providers, verifications, db } = c.get('services');
    const { path, body } = c.get('input');
    const row = await verifications.get(principal.user.id, path.verification_id);
    const simulator = providers.simulatorWithId(row.provider_id);
    if (!simulator || !row.provider_ref) {
      throw new ApiError('verification_not_simulated', 'Only verifications bought from the simulator accept sandbox SMS.');
    }
    // accepted while the number is held: pending, or completed and not past expires_at (more SMS may follow);
    // a report releases the number at the provider
    const released = row.reported_at
      ? `Verification ${row.id} was reported; its number is released.`
      : row.status === 'completed' && row.expires_at.getTime() <= Date.now()
        ? `Verification ${row.id} is completed and past its expires_at; its number is released.`
        : row.status !== 'pending' && row.status !== 'completed'
          ? `Verification ${row.id} is ${row.status}.`
          : null;
    if (released) throw new ApiError('verification_not_pending', released);
    const before = Date.now();
    try {
      await simulator.injectSms(row.provider_ref, { text: body.text, from: body.from });
    } catch (error) {
      // the simulator closed or forgot the rental between the read above and now (it ran out, a report)
      if (error instanceof ProviderError && (error.code === 'invalid_state' || error.code === 'not_found'))
        throw new ApiError('verification_not_pending', `Verification ${row.id} no longer holds its number.`);
      throw error;
    }
    const message = await db
      .selectFrom('sms_messages')
      .selectAll()
      .where('verification_id', '=', row.id)
      .where('created_at', '>=', new Date(before - 1000))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!message) throw new ApiError('internal_error', 'The simulator did not deliver the message.');
    return json(c, 201, {
      message: serializeSms(message),
      verification: serializeVerification(await verifications.get(principal.user.id, row.id)),
    });
  },
} satisfies SomeHandlers;
