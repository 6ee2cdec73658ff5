import { camelCase, singular, words } from '../core/naming.js';

/**
 * The method name of an operation inside its resource: the `operationId` without the resource's noun.
 * `listVerifications` in `verifications` -> `list`; `listWebhookEndpointDeliveries` in
 * `webhook-endpoints` -> `listDeliveries`; `adminSuspendUser` in `admin` -> `suspendUser`.
 * Falls back to the whole `operationId` when nothing would be left.
 */
export function methodNameFor(operationId: string, tag: string): string {
  const opWords = words(operationId);
  const tagWords = words(tag).map(singular);
  for (let start = 0; start + tagWords.length <= opWords.length; start++) {
    const matches = tagWords.every((w, i) => singular(opWords[start + i]!) === w);
    if (!matches) continue;
    const rest = [...opWords.slice(0, start), ...opWords.slice(start + tagWords.length)];
    if (rest.length === 0) break;
    return camelCase(rest.join(' '));
  }
  return camelCase(operationId);
}
