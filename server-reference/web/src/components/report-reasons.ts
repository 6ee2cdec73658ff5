import type { ReportVerificationRequestReason } from '@namaskah/sdk';

/** The reasons a person can report a number for, with the words the dashboard shows for each. */
export const REPORT_REASONS: ReadonlyArray<readonly [ReportVerificationRequestReason, string]> = [
  ['no_sms', 'No SMS arrived'],
  ['wrong_code', 'Wrong code'],
  ['number_already_used', 'Number already used'],
  ['number_blocked', 'Number blocked'],
  ['other', 'Something else'],
];
