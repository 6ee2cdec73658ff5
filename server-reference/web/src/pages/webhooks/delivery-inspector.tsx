import type { WebhookDelivery } from '@namaskah/sdk';
import { formatTime } from '../../components/format.ts';

/** The body as sent, indented when it is JSON (it always is for deliveries; a receiver's answer may not be). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A block of sent or received text, named for screen readers (and tests) by what it is. */
function Body({ label, children }: { label: string; children: string }) {
  return (
    <figure aria-label={label}>
      <pre>{children}</pre>
    </figure>
  );
}

/** One header per line, `name: value`, in the order sent. */
const headerLines = (headers: Record<string, string>): string =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

/**
 * One attempt opened up, like the Svix portal's attempt view: what was sent (URL, headers and the exact
 * signed body), what came back (status, the first 1 KiB of the body) and how long it took, or why it failed
 * and when it is tried again.
 */
export function DeliveryInspector({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <div className="inspector" data-testid="delivery-inspector">
      <dl className="figures">
        <div>
          <dt>Response</dt>
          <dd>{delivery.response_status === null ? 'no response' : `HTTP ${delivery.response_status}`}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{delivery.latency_ms === null ? 'not sent yet' : `${delivery.latency_ms} ms`}</dd>
        </div>
        <div>
          <dt>Attempt</dt>
          <dd>
            #{delivery.attempt} ({delivery.trigger})
          </dd>
        </div>
        <div>
          <dt>Next attempt</dt>
          <dd>{delivery.next_attempt_at ? formatTime(delivery.next_attempt_at) : 'none'}</dd>
        </div>
      </dl>
      {delivery.error && (
        <p className="notice error">
          {delivery.error.code}: {delivery.error.message}
        </p>
      )}
      <h4>Request</h4>
      <p className="mono">POST {delivery.url}</p>
      {delivery.request_headers && <Body label="Request headers">{headerLines(delivery.request_headers)}</Body>}
      <Body label="Request body">{pretty(delivery.request_body)}</Body>
      <h4>Response body{delivery.response_body_truncated ? ' (first 1 KiB)' : ''}</h4>
      {delivery.response_body ? (
        <Body label="Response body">{pretty(delivery.response_body)}</Body>
      ) : (
        <p className="muted">{delivery.response_status === null ? 'No response was received.' : 'Empty.'}</p>
      )}
    </div>
  );
}
