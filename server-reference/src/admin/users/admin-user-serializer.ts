import { serializeUser } from '../../serializers/account-serializers.ts';
import { iso, money } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { AdminUserRow } from './admin-user-directory.ts';

/** spec/schemas/admin-user.yaml */
export const serializeAdminUser = (row: AdminUserRow): Schemas['AdminUser'] => ({
  ...serializeUser(row),
  balance: money(Number(row.balance_cents), row.currency),
  verification_count: Number(row.verification_count),
  last_login_at: iso(row.last_login_at),
  suspension_reason: row.status === 'suspended' ? row.suspension_reason : null,
});
