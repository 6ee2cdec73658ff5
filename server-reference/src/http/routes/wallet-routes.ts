import type { SomeHandlers } from '../operation-handler.ts';
import { ApiError } from '../../errors/index.ts';
import { verifyPaymentSignature } from '../../domain/payments/payment-signature.ts';
import { page } from '../../serializers/money.ts';
import { serializeLedgerEntry, serializeTopUp, serializeWallet } from '../../serializers/wallet-serializers.ts';
import { json, pageParams, principalOf } from './respond.ts';
import { updateWalletSettings } from '../../domain/wallet-settings.ts';

/** wallet tag: balance, ledger, top-ups and the payment provider's callback. */
export const walletRoutes = {
  async getWallet(c) {
    const principal = principalOf(c);
    return json(c, 200, serializeWallet(await c.get('services').wallet.wallet(principal.user.id)));
  },

  async updateWalletSettings(c) {
    const principal = principalOf(c);
    const { db, wallet } = c.get('services');
    await updateWalletSettings(db, principal.user.id, c.get('input').body);
    return json(c, 200, serializeWallet(await wallet.wallet(principal.user.id)));
  },

  async listLedgerEntries(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    const { query } = c.get('input');
    let rows = await c
      .get('services')
      .wallet.ledger(principal.user.id, { ...params, createdGte: query.created_gte, createdLt: query.created_lt, type: query.type });
    if (query.verification_id) rows = rows.filter((e) => e.verification_id === query.verification_id);
    return json(
      c,
      200,
      page(rows, params.limit, (e) => e.id, serializeLedgerEntry),
    );
  },

  async listTopUps(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    const { query } = c.get('input');
    const rows = await c
      .get('services')
      .topUps.list(principal.user.id, { ...params, status: query.status, createdGte: query.created_gte, createdLt: query.created_lt });
    return json(
      c,
      200,
      page(
        rows,
        params.limit,
        (r) => r.topUp.id,
        (r) => serializeTopUp(r.topUp, r.ledgerEntryId),
      ),
    );
  },

  async createTopUp(c) {
    const principal = principalOf(c);
    const { amount, return_url } = c.get('input').body;
    const topUp = await c.get('services').topUps.create(principal.user.id, amount, return_url ?? null);
    return json(c, 201, serializeTopUp(topUp, null), { Location: `/v1/wallet/top-ups/${topUp.id}` });
  },

  async getTopUp(c) {
    const { topUp, ledgerEntryId } = await c.get('services').topUps.get(principalOf(c).user.id, c.get('input').path.top_up_id);
    return json(c, 200, serializeTopUp(topUp, ledgerEntryId));
  },

  async handlePaymentCallback(c) {
    const { config, topUps } = c.get('services');
    const provider = c.get('input').path.provider;
    if (provider !== 'sandbox') throw new ApiError('not_found', `No payment provider ${provider}.`);
    const signature = c.req.header('payment-signature');
    if (!signature) throw new ApiError('unauthenticated', 'The Payment-Signature header is required.');
    // verified on the raw bytes, before anything of the body is trusted
    if (!verifyPaymentSignature(config.paymentWebhookSecret, await c.req.text(), signature)) {
      throw new ApiError('invalid_signature', 'The Payment-Signature does not match the body.');
    }
    await topUps.applyCallback(provider, c.get('input').body);
    return json(c, 200, { received: true });
  },
} satisfies SomeHandlers;
