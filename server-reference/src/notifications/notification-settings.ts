import { integer, list, optionalText, text } from '../config-settings.ts';

/** The notification module's settings, read by `loadNotificationConfig` and printed in docs/configuration.md. */
export const NOTIFICATION_SETTINGS = {
  smtpUrl: optionalText(
    'SMTP_URL',
    'SMTP server (`smtp://user:pass@host:587`, `smtps://...`) for email; unset keeps mail in the dev mailbox, readable through the admin API (`GET /v1/admin/mailbox`).',
    'URL',
  ),
  mailFrom: text('MAIL_FROM', 'no-reply@namaskah.dev', 'Sender address of every email.'),
  deliveryIntervalMs: integer(
    'NOTIFICATION_DELIVERY_INTERVAL_MS',
    30_000,
    'Safety tick of held deliveries (quiet hours, digests) on the job queue, in milliseconds (`0` disables; each due instant also has a job of its own).',
    0,
  ),
  pushAppIds: list('PUSH_APP_IDS', 'com.namaskah.app', 'App ids (Android application ids, iOS bundle ids) devices may register for.'),
  fcmServiceAccount: optionalText(
    'FCM_SERVICE_ACCOUNT',
    'Firebase service-account key (its JSON inline, or the path of the file) enabling FCM HTTP v1 push.',
    'JSON or path',
  ),
  fcmEndpoint: optionalText('FCM_ENDPOINT', 'FCM endpoint override (tests).', 'URL'),
  apnsTeamId: optionalText('APNS_TEAM_ID', 'Apple team id of the APNs token key; with the key id and key, enables iOS push.'),
  apnsKeyId: optionalText('APNS_KEY_ID', 'Key id of the APNs `.p8` token key.'),
  apnsPrivateKey: optionalText('APNS_PRIVATE_KEY', 'The APNs `.p8` key: the PEM inline, or the path of the file.', 'PEM or path'),
  apnsTopic: optionalText('APNS_TOPIC', 'APNs topic (the app bundle id) when it differs from the registered app id.'),
  apnsOriginProduction: optionalText('APNS_ORIGIN_PRODUCTION', "APNs production origin override (tests); Apple's by default.", 'URL'),
  apnsOriginSandbox: optionalText('APNS_ORIGIN_SANDBOX', "APNs sandbox origin override (tests); Apple's by default.", 'URL'),
  apnsCa: optionalText('APNS_CA', 'Extra CA certificate trusted for APNs (tests): the PEM inline, or the path of the file.', 'PEM or path'),
} as const;
