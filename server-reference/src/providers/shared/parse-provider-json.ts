import type { z } from 'zod';
import { ProviderError } from '../../domain/ports/provider-error.ts';
import type { ProviderResponse } from './provider-http.ts';

/**
 * Parses a successful answer's JSON body against `schema`. A body that is not JSON or not the documented
 * shape is ProviderError('unexpected'): the adapter never guesses at money or ids it cannot read.
 *
 * @example
 * const account = parseProviderJson('textverified', res, accountSchema);
 */
export function parseProviderJson<Schema extends z.ZodType>(
  provider: string,
  response: ProviderResponse,
  schema: Schema,
): z.output<Schema> {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch (cause) {
    throw new ProviderError('unexpected', `${response.label} answered ${response.status} with a body that is not JSON`, {
      provider,
      status: response.status,
      cause,
    });
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ProviderError('unexpected', `${response.label} answered an unexpected shape at ${where}: ${issue?.message}`, {
      provider,
      status: response.status,
      cause: result.error,
    });
  }
  return result.data;
}
