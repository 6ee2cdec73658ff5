import type { OperationHandlers } from '../operation-handler.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { meRoutes } from './me-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import { walletRoutes } from './wallet-routes.ts';

/** Every implemented operation, by operationId; the spec router answers 501 for the rest. */
export const operationHandlers: OperationHandlers = {
  ...systemRoutes,
  ...authRoutes,
  ...meRoutes,
  ...apiKeyRoutes,
  ...catalogRoutes,
  ...walletRoutes,
  ...verificationRoutes,
};
