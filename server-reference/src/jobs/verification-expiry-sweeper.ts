import type { VerificationService } from '../domain/verifications.ts';

/**
 * Expires pending verifications past `expires_at` and refunds them. Safe to run on many nodes at once
 * and concurrently with cancels and late SMS: each expiry is a conditional transition, so a verification
 * is expired (and refunded) at most once.
 */
export async function sweepExpiredVerifications(
  verifications: VerificationService,
  options: { batchSize?: number; now?: Date } = {},
): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await verifications.overdue(options.batchSize ?? 100, options.now);
    if (due.length === 0) return expired;
    let progressed = false;
    for (const id of due) {
      if (await verifications.expire(id)) {
        expired++;
        progressed = true;
      }
    }
    if (!progressed) return expired;
  }
}
