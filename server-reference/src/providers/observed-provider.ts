import { isProviderError } from '../domain/ports/provider-error.ts';
import { inSpan, SpanKind } from '../observability/spans.ts';
import type { UpstreamProvider } from '../domain/ports/upstream-provider.ts';

/** One finished call to a provider: which, how long, and the ProviderError code when it failed. */
export interface ProviderCall {
  provider: string;
  operation: ObservedOperation;
  seconds: number;
  /** The ProviderError's code, `unexpected` for any other error; absent on success. */
  errorCode?: string;
}

export type ProviderCallObserver = (call: ProviderCall) => void;

/** The calls that reach the provider (over the network for the real ones). */
const OBSERVED = ['purchase', 'fetchSms', 'cancel', 'report', 'balance', 'catalog', 'sendSms'] as const;
type ObservedOperation = (typeof OBSERVED)[number];
const isObserved = (name: PropertyKey): name is ObservedOperation => (OBSERVED as readonly PropertyKey[]).includes(name);

/**
 * The provider as it is, with each call to it timed, traced (a client span) and its failure classified for
 * `observer()` (read on every call, so an observer attached after start-up sees every later call). A Proxy keeps the provider's
 * own class (`instanceof SimulatorProvider` still holds) and its other members; methods run on the
 * provider itself, so its private fields work.
 *
 * @example
 * const provider = observedProvider(new FiveSimProvider(options), () => (call) => metrics.observeProviderCall(call));
 */
export function observedProvider<P extends UpstreamProvider>(provider: P, observer: () => ProviderCallObserver | undefined): P {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(provider, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (!bound.has(name))
        bound.set(
          name,
          isObserved(name) ? timed(target, name, value as (...args: unknown[]) => Promise<unknown>, observer) : value.bind(target),
        );
      return bound.get(name);
    },
    set(target, name, value) {
      bound.delete(name);
      return Reflect.set(target, name, value, target);
    },
  });
}

function timed(
  target: UpstreamProvider,
  operation: ObservedOperation,
  method: (...args: unknown[]) => Promise<unknown>,
  observer: () => ProviderCallObserver | undefined,
) {
  const name = `provider.${operation}`;
  const attributes = { 'namaskah.provider': target.id };
  return (...args: unknown[]) =>
    inSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const started = performance.now();
      const report = (errorCode?: string) =>
        observer()?.({ provider: target.id, operation, seconds: (performance.now() - started) / 1000, errorCode });
      try {
        const result = await method.apply(target, args);
        report();
        return result;
      } catch (error) {
        const code = isProviderError(error) ? error.code : 'unexpected';
        span.setAttribute('namaskah.provider.error_code', code);
        report(code);
        throw error;
      }
    });
}
