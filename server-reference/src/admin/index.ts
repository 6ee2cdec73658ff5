import type { SomeHandlers } from '../http/operation-handler.ts';
import { adminAccountRoutes } from './admin-account-routes.ts';
import { adminMoneyRoutes } from './admin-money-routes.ts';
import { adminPlatformRoutes } from './admin-platform-routes.ts';

/** Every operation of the `admin` tag but the dev mailbox (which the notifications module serves). */
export const adminHandlers = {
  ...adminAccountRoutes,
  ...adminMoneyRoutes,
  ...adminPlatformRoutes,
} satisfies SomeHandlers;

export { adminRoleGuard } from './admin-role-guard.ts';
export { captureServerErrors } from './errors/capture-server-errors.ts';
export { effectivePricing, effectivePricingWithQuote, priceWithRules, type EffectivePricing } from './pricing/effective-pricing.ts';
export { auditFromRequest, type AuditWriter } from './audit/audit-trail.ts';
export { adminServicesOf } from './admin-context.ts';
export { adminPricingSource } from './pricing/admin-pricing-source.ts';
