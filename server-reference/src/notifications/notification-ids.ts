import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/**
 * Prefixed ids of the notification module's resources (`ntf_`, `dev_`, `mail_`, and `ndl_` for internal
 * delivery rows); the core's `newId` only knows the core's prefixes. Seeded with the injected clock's
 * time, so ids sort like `created_at` (lists are ordered and paged by id) even under a test clock.
 */
export const newNotificationId = (prefix: 'ntf' | 'dev' | 'mail' | 'ndl', at: Date = new Date()): string =>
  `${prefix}_${nextUlid(at.getTime())}`;
