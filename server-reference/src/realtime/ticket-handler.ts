import type { Context } from 'hono';
import type { OperationEnv } from '../http/operation-handler.ts';
import { json, principalOf } from '../http/routes/respond.ts';
import type { RealtimeTickets } from './realtime-tickets.ts';
import { subjectOf } from './subject-of.ts';

/** `POST /v1/realtime/tickets` (operation `createRealtimeTicket`); idempotency is the spec router's. */
export function ticketHandler(tickets: RealtimeTickets, webSocketUrl: string) {
  return async (c: Context<OperationEnv<'createRealtimeTicket'>>): Promise<Response> => {
    const { ticket, expiresAt } = await tickets.issue(subjectOf(principalOf(c)));
    return json(c, 201, { ticket, url: webSocketUrl, expires_at: expiresAt.toISOString() });
  };
}
