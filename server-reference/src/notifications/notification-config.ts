import { existsSync, readFileSync } from 'node:fs';
import { readSettings } from '../config-settings.ts';
import type { ServiceAccount } from './channels/push/fcm/fcm-access-token.ts';
import { NOTIFICATION_SETTINGS } from './notification-settings.ts';

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
const inlineOrFile = (value: string | null): string | undefined => {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('-----BEGIN')) return trimmed;
  return existsSync(trimmed) ? readFileSync(trimmed, 'utf8') : trimmed;
};

/**
 * Reads the settings of `NOTIFICATION_SETTINGS` (`notification-settings.ts`, printed in
 * docs/configuration.md) from `env`. Push adapters are configured only when all their credentials are.
 *
 * @example
 * const config = loadNotificationConfig(process.env);
 */
export function loadNotificationConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<NotificationConfig> = {},
): NotificationConfig {
  const read = readSettings(NOTIFICATION_SETTINGS, env);
  const serviceAccount = inlineOrFile(read.fcmServiceAccount);
  const apnsKey = inlineOrFile(read.apnsPrivateKey);
  const config: NotificationConfig = {
    smtpUrl: read.smtpUrl,
    mailFrom: read.mailFrom,
    pushAppIds: read.pushAppIds,
    fcm: serviceAccount ? { serviceAccount: JSON.parse(serviceAccount) as ServiceAccount, endpoint: read.fcmEndpoint ?? undefined } : null,
    apns:
      read.apnsTeamId && read.apnsKeyId && apnsKey
        ? {
            teamId: read.apnsTeamId,
            keyId: read.apnsKeyId,
            privateKey: apnsKey,
            topic: read.apnsTopic ?? undefined,
            origins: { production: read.apnsOriginProduction ?? undefined, sandbox: read.apnsOriginSandbox ?? undefined },
            ca: inlineOrFile(read.apnsCa),
          }
        : null,
    deliveryIntervalMs: read.deliveryIntervalMs,
  };
  return { ...config, ...overrides };
}
