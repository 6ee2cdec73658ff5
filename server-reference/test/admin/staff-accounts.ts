import type { TestServer } from '../support/test-server.ts';

/** Registers an account and gives it a role directly in the database (roles are read per request). */
export async function registerWithRole(server: TestServer, role: 'user' | 'support' | 'admin') {
  const account = await server.register();
  if (role !== 'user') await server.database.db.updateTable('users').set({ role }).where('id', '=', account.userId).execute();
  return account;
}

/** Inserts a finished or pending verification owned by `userId`, bypassing the provider. */
export async function insertVerification(
  server: TestServer,
  userId: string,
  fields: Partial<{
    id: string;
    status: 'pending' | 'completed' | 'cancelled' | 'expired' | 'failed';
    service: string;
    country: string;
    price: number;
    cost: number;
    createdAt: Date;
    ttcMs: number;
    refunded: boolean;
  }> = {},
) {
  const createdAt = fields.createdAt ?? new Date();
  const status = fields.status ?? 'completed';
  const id = fields.id ?? `ver_${Math.random().toString(36).slice(2, 12).toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
  const refunded = fields.refunded ?? ['cancelled', 'expired', 'failed'].includes(status);
  await server.database.db
    .insertInto('verifications')
    .values({
      id,
      user_id: userId,
      status,
      service: fields.service ?? 'whatsapp',
      country: fields.country ?? 'US',
      area_code: null,
      carrier: null,
      phone_number: '+15550100000',
      provider_id: 'simulator',
      provider_ref: `ref_${id}`,
      price_cents: fields.price ?? 100,
      cost_cents: fields.cost ?? 60,
      currency: 'USD',
      code: status === 'completed' ? '123456' : null,
      created_at: createdAt,
      expires_at: new Date(createdAt.getTime() + 1_200_000),
      completed_at: status === 'completed' ? new Date(createdAt.getTime() + (fields.ttcMs ?? 30_000)) : null,
      cancelled_at: status === 'cancelled' ? createdAt : null,
      refunded,
      refund_reason: refunded ? ((status === 'completed' || status === 'pending' ? null : status) as any) : null,
      failure_reason: null,
      idempotency_key: null,
      reported_at: null,
      report_reason: null,
    })
    .execute();
  return id;
}
