import type { Context } from 'hono';
import type { SecurityAlertKind } from '../../notifications/index.ts';
import type { AnyOperationEnv, AppServices } from '../app-env.ts';

/** What a security alert says (the `security.alert` notification's details). */
export interface SecurityAlert {
  /** Unique per occurrence: the notification router dedupes on it. */
  key: string;
  /** What happened; the text is the catalogues' `security_alert.<alert>` messages in the account's language. */
  alert: SecurityAlertKind;
  /** What those messages interpolate (`{ ip }`, `{ name, seconds }`). */
  values?: Record<string, string | number>;
  ids?: { session_id?: string; api_key_id?: string };
}

/**
 * Sends a `security.alert` notification (critical: it ignores quiet hours) after a change to the
 * account's security committed. An alert that cannot be recorded is logged and never fails the request
 * whose change already happened.
 */
export async function alertSecurity<E extends AnyOperationEnv>(c: Context<E>, userId: string, alert: SecurityAlert): Promise<void> {
  const { platform, logger }: AppServices = c.get('services');
  await platform.notifications.router
    .notify({
      type: 'security.alert',
      userId,
      key: alert.key,
      details: { alert: alert.alert, values: alert.values ?? {}, ids: alert.ids ?? {} },
    })
    .catch((error) => logger.error({ err: error, userId, key: alert.key }, 'security alert could not be recorded'));
}

/**
 * Alerts on a login from an address none of the account's earlier sessions used (the first session of
 * an account alerts no one: there is nothing to compare with).
 */
export async function alertIfNewAddress<E extends AnyOperationEnv>(
  c: Context<E>,
  userId: string,
  sessionId: string,
  ip: string,
): Promise<void> {
  const { db }: AppServices = c.get('services');
  const earlier = await db
    .selectFrom('sessions')
    .select(['ip'])
    .where('user_id', '=', userId)
    .where('id', '!=', sessionId)
    .limit(1000)
    .execute();
  if (earlier.length === 0 || earlier.some((s) => s.ip === ip)) return;
  await alertSecurity(c, userId, {
    key: `login-new-ip:${sessionId}`,
    alert: 'new_sign_in',
    values: { ip },
    ids: { session_id: sessionId },
  });
}
