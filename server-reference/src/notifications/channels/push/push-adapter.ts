import type { NotificationSeverity } from '../../notification-types.ts';

/** What a push says; the same for FCM and APNs. */
export interface PushMessage {
  title: string;
  body: string;
  /** Related ids, delivered to the app as custom data. */
  data: Record<string, string>;
  /** Sound to play (`default`, `chime`, ...), or null for a silent push. */
  sound: string | null;
  severity: NotificationSeverity;
}

/** The device a push goes to. */
export interface PushTarget {
  token: string;
  appId: string;
  apnsEnvironment: 'production' | 'sandbox' | null;
}

/**
 * How a push went: `invalid_token` means the push service says the token will never work again (the
 * device is removed); `failed` with `retryable` for throttling and outages.
 */
export type PushOutcome =
  | { status: 'delivered'; id?: string }
  | { status: 'invalid_token'; reason: string }
  | { status: 'failed'; reason: string; retryable: boolean };

/** One push service (FCM HTTP v1, APNs). */
export interface PushAdapter {
  send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
  close?(): void | Promise<void>;
}
