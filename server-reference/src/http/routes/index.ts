import type { SomeHandlers } from '../operation-handler.ts';
import { adminHandlers } from '../../admin/index.ts';
import { analyticsHandlers, requestLogHandlers } from '../../analytics/index.ts';
import { stripeEventRoutes } from '../../payments/index.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { meRoutes } from './me-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { securityRoutes } from './security-routes.ts';
import { syncRoutes } from './sync-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import { walletRoutes } from './wallet-routes.ts';

/** Every implemented operation, by operationId; the spec router answers 501 for the rest. */
export const operationHandlers = {
  ...systemRoutes,
  ...authRoutes,
  ...meRoutes,
  ...apiKeyRoutes,
  ...catalogRoutes,
  ...walletRoutes,
  ...stripeEventRoutes,
  ...verificationRoutes,
  ...securityRoutes,
  ...oauthRoutes,
  ...syncRoutes,
  ...adminHandlers,
  ...analyticsHandlers,
  ...requestLogHandlers,
} satisfies SomeHandlers;
