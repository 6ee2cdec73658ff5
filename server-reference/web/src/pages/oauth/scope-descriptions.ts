import type { ApiKeyScope } from '@namaskah/sdk';

// a record, so the type checker fails when the contract adds a scope the consent page cannot explain
/** What each scope lets an app do, in a person's words, for the consent page. */
export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'verifications:read': 'See your verifications and the codes they received',
  'verifications:write': 'Buy numbers and cancel verifications, charged to your balance',
  'wallet:read': 'See your balance and transactions',
  'wallet:write': 'Top up your balance',
  'webhooks:read': 'See your webhook endpoints and their deliveries',
  'webhooks:write': 'Add, change and remove webhook endpoints',
  'events:read': 'Receive your account’s events as they happen',
  'analytics:read': 'See your usage statistics',
  'catalog:read': 'See services, countries and prices',
  'notifications:read': 'Read your notifications',
  'notifications:write': 'Mark notifications read and change notification settings',
};
