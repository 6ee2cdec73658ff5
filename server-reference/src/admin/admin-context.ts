import { SERVER_VERSION } from '../server-version.ts';
import type { Kysely } from 'kysely';
import type { Context } from 'hono';
import type { AnyOperationEnv, AppServices } from '../http/app-env.ts';
import { AdminMoneyActions } from './money/admin-money-actions.ts';
import { AdminMoneyViews } from './money/admin-money-views.ts';
import { Announcements } from './platform/announcements.ts';
import { runtimeHandles } from './platform/runtime-handles.ts';
import { AdminPricing } from './pricing/admin-pricing.ts';
import { AdminProviders } from './providers/admin-providers.ts';
import { AdminUserActions } from './users/admin-user-actions.ts';
import { AdminUserDirectory } from './users/admin-user-directory.ts';
import type { Database } from '../storage/database-schema.ts';

/** The admin services of one app, built on first use from the app's services. */
export interface AdminServices {
  db: Kysely<Database>;
  users: AdminUserDirectory;
  userActions: AdminUserActions;
  money: AdminMoneyActions;
  moneyViews: AdminMoneyViews;
  pricing: AdminPricing;
  providers: AdminProviders;
  announcements: Announcements;
  version: string;
}

const built = new WeakMap<AppServices, AdminServices>();

export function adminServicesOf(services: AppServices): AdminServices {
  let admin = built.get(services);
  if (!admin) {
    const db = services.db;
    const users = new AdminUserDirectory(db);
    const { config } = services;
    admin = {
      db,
      users,
      userActions: new AdminUserActions(db, users),
      money: new AdminMoneyActions(db),
      moneyViews: new AdminMoneyViews(db),
      pricing: new AdminPricing(
        db,
        {
          markupBps: config.markupBps,
          areaCodeSurchargeCents: config.areaCodeSurchargeCents,
          carrierSurchargeCents: config.carrierSurchargeCents,
          currency: config.currency,
          installedAt: services.startedAt,
        },
        async (service, country) => (await services.catalog.find(service, country)) !== null,
      ),
      providers: new AdminProviders(db, () => runtimeHandles(services), config.currency),
      announcements: new Announcements(db),
      version: SERVER_VERSION,
    };
    built.set(services, admin);
  }
  return admin;
}

/** Shorthand inside a handler. */
export const adminOf = <E extends AnyOperationEnv>(c: Context<E>): AdminServices => adminServicesOf(c.get('services'));
