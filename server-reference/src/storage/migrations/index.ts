import type { Migration } from 'kysely/migration';
import * as initial from './0001-initial.ts';
import * as events from './0400-events.ts';
import * as webhooks from './0500-webhooks.ts';
import * as notifications from './0600-notifications.ts';
import * as auditLog from './0700-audit-log.ts';
import * as security from './0710-security.ts';
import * as oauth from './0720-oauth.ts';
import * as sync from './0730-sync.ts';
import * as unmatchedSms from './0740-unmatched-sms.ts';
import * as admin from './0800-admin.ts';
import * as analytics from './0810-analytics.ts';
import * as analyticsRollups from './0820-analytics-rollups.ts';
import * as manualRefundOfPending from './0830-manual-refund-of-pending.ts';
import * as webhookEndpointHeaders from './0840-webhook-endpoint-headers.ts';
import * as eventTraceParent from './0850-event-trace-parent.ts';
import * as anotherCode from './1700-another-code.ts';
import * as walletSettingsAndActiveCaps from './1750-wallet-settings-and-active-caps.ts';
import * as requestLogDetail from './1770-request-log-detail.ts';
import * as cliOauthClient from './1780-cli-oauth-client.ts';

/**
 * Every migration, in order. Forward-only: a migration, once released, is never edited or rolled back;
 * a change is a new file appended here.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0400-events': events,
  '0500-webhooks': webhooks,
  '0600-notifications': notifications,
  '0700-audit-log': auditLog,
  '0710-security': security,
  '0720-oauth': oauth,
  '0730-sync': sync,
  '0740-unmatched-sms': unmatchedSms,
  '0800-admin': admin,
  '0810-analytics': analytics,
  '0820-analytics-rollups': analyticsRollups,
  '0830-manual-refund-of-pending': manualRefundOfPending,
  '0840-webhook-endpoint-headers': webhookEndpointHeaders,
  '0850-event-trace-parent': eventTraceParent,
  '1700-another-code': anotherCode,
  '1750-wallet-settings-and-active-caps': walletSettingsAndActiveCaps,
  '1770-request-log-detail': requestLogDetail,
  '1780-cli-oauth-client': cliOauthClient,
};
