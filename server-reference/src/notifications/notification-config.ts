import { existsSync, readFileSync } from 'node:fs';
import type { ServiceAccount } from './channels/push/fcm/fcm-access-token.ts';

/** Configuration of email, push and delivery, read from the environment (see `loadNotificationConfig`). */
export interface NotificationConfig {
  /** SMTP connection URL; when null, email goes to the dev mailbox. */
  smtpUrl: string | null;
  /** Sender address of every email (a bare address: the mailbox lists it as an email). */
  mailFrom: string;
  /** App ids (Android application ids, iOS bundle ids) devices may register for. */
  pushAppIds: string[];
  fcm: { serviceAccount: ServiceAccount; endpoint?: string } | null;
  apns: {
    teamId: string;
    keyId: string;
    privateKey: string;
    topic?: string;
    origins?: { production?: string; sandbox?: string };
    ca?: string;
  } | null;
  /** Period of the safety tick that delivers whatever is due (0 disables it). */
  deliveryIntervalMs: number;
}

/** A value given inline, or the contents of the file it names. */
const inlineOrFile = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('-----BEGIN')) return trimmed;
  return existsSync(trimmed) ? readFileSync(trimmed, 'utf8') : trimmed;
};

/**
 * Reads `SMTP_URL`, `MAIL_FROM`, `PUSH_APP_IDS` (comma-separated), `FCM_SERVICE_ACCOUNT` (key file JSON
 * or its path), `FCM_ENDPOINT`, `APNS_TEAM_ID`, `APNS_KEY_ID`, `APNS_PRIVATE_KEY` (PEM or path),
 * `APNS_TOPIC`, `APNS_ORIGIN_PRODUCTION`, `APNS_ORIGIN_SANDBOX`, `APNS_CA` (PEM or path) and
 * `NOTIFICATION_DELIVERY_INTERVAL_MS`. Push adapters are configured only when all their credentials are.
 *
 * @example
 * const config = loadNotificationConfig(process.env);
 */
export function loadNotificationConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<NotificationConfig> = {},
): NotificationConfig {
  const serviceAccount = inlineOrFile(env.FCM_SERVICE_ACCOUNT);
  const apnsKey = inlineOrFile(env.APNS_PRIVATE_KEY);
  const config: NotificationConfig = {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'no-reply@namaskah.dev',
    pushAppIds: (env.PUSH_APP_IDS ?? 'com.namaskah.app')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    fcm: serviceAccount ? { serviceAccount: JSON.parse(serviceAccount) as ServiceAccount, endpoint: env.FCM_ENDPOINT || undefined } : null,
    apns:
      env.APNS_TEAM_ID && env.APNS_KEY_ID && apnsKey
        ? {
            teamId: env.APNS_TEAM_ID,
            keyId: env.APNS_KEY_ID,
            privateKey: apnsKey,
            topic: env.APNS_TOPIC || undefined,
            origins: { production: env.APNS_ORIGIN_PRODUCTION || undefined, sandbox: env.APNS_ORIGIN_SANDBOX || undefined },
            ca: inlineOrFile(env.APNS_CA),
          }
        : null,
    deliveryIntervalMs: Number.parseInt(env.NOTIFICATION_DELIVERY_INTERVAL_MS ?? '30000', 10),
  };
  return { ...config, ...overrides };
}
