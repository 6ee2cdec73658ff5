/**
 * What a `security.alert` notification can be about; each has a `security_alert.<kind>.title` and `.body`
 * message in the catalogues (src/i18n/catalogues), rendered in the account's language.
 */
export const SECURITY_ALERT_KINDS = [
  'new_sign_in',
  'password_changed',
  'api_key_created',
  'api_key_rotated',
  'totp_enabled',
  'totp_disabled',
  'sms_factor_enabled',
  'sms_factor_disabled',
] as const;

export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

export const isSecurityAlertKind = (value: unknown): value is SecurityAlertKind =>
  typeof value === 'string' && (SECURITY_ALERT_KINDS as readonly string[]).includes(value);
