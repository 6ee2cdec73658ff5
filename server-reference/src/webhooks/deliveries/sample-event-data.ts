import { deref } from '../../http/openapi/load-spec.ts';

/**
 * The `data` of a test event of `type`: the contract's own example of that event (its `webhooks` entry),
 * so a test delivery has exactly the payload schema real ones have, with ids that refer to nothing.
 * Throws when the contract has no example for the type.
 *
 * @example
 * sampleEventData(spec.document, 'verification.completed') // { id: 'ver_01JD...', status: 'completed', ... }
 */
export function sampleEventData(document: Record<string, any>, type: string): unknown {
  const content = deref(document, document.webhooks?.[type])?.post?.requestBody?.content?.['application/json'];
  const examples = Object.values<any>(content?.examples ?? {});
  const value = examples.length > 0 ? deref(document, examples[0])?.value : content?.example;
  if (!value || typeof value !== 'object' || !('data' in value)) throw new Error(`the contract has no example of the ${type} event`);
  return structuredClone(value.data);
}
