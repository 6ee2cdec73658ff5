import type { ReportVerificationRequestReason, Verification } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorLine } from '../../components/api-status.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { formatMoney } from '../../components/format.ts';
import { REPORT_REASONS } from '../../components/report-reasons.ts';
import type { CatalogNames } from './use-catalog-names.ts';
import { ExpiryCountdown } from './expiry-countdown.tsx';

/**
 * The verification being waited on: service and country by name, the number and then the code (each
 * with a copy button), the time left, and cancel or report. `onChange` receives the verification as
 * the server answers after an action; live events update it through the page. While a completed
 * verification still holds its number, "Another code" asks for a second code on the same number.
 */
export function VerificationCard({
  verification,
  names,
  onChange,
}: {
  verification: Verification;
  names: CatalogNames;
  onChange: (verification: Verification) => void;
}) {
  const action = useAction();
  const [reason, setReason] = useState<ReportVerificationRequestReason>('no_sms');
  const [reported, setReported] = useState(false);
  const pending = verification.status === 'pending';
  // the code shown when another one was asked for: a different code means it arrived
  const [awaitingAfter, setAwaitingAfter] = useState<string | null>(null);
  const held = verification.status === 'completed' && !reported && Date.parse(verification.expires_at) > Date.now();
  const awaiting = awaitingAfter !== null && awaitingAfter === verification.code;
  const anotherCode = async () => {
    const asked = await action.run(() => client.verifications.requestAnotherCode(verification.id));
    if (asked) {
      setAwaitingAfter(asked.code);
      onChange(asked);
    }
  };
  const cancel = async () => {
    const cancelled = await action.run(() => client.verifications.cancel(verification.id));
    if (cancelled) onChange(cancelled);
  };
  const report = async () => {
    const result = await action.run(() => client.verifications.report(verification.id, { reason }));
    if (result) {
      setReported(true);
      onChange(result.verification);
    }
  };
  return (
    <section
      className="card live-code"
      aria-labelledby="current-verification-title"
      data-testid="current-verification"
      data-id={verification.id}
      data-status={verification.status}
    >
      <div className="row spread">
        <h2 id="current-verification-title">
          {names.service(verification.service)} · {names.country(verification.country)}
        </h2>
        <span className={`badge ${verification.status}`}>{verification.status}</span>
      </div>
      <div className="row wrap">
        <p className="value">
          <span className="muted">Number</span>
          <strong className="mono unbroken" data-testid="phone-number">
            {verification.phone_number ?? '—'}
          </strong>
        </p>
        {verification.phone_number && <CopyButton text={verification.phone_number} label="Copy number" />}
      </div>
      {verification.code ? (
        <div className="row wrap">
          <p className="value code" aria-live="assertive">
            <span className="muted">Code</span>
            <strong className="mono unbroken" data-testid="verification-code">
              {verification.code}
            </strong>
          </p>
          <CopyButton text={verification.code} label="Copy code" />
        </div>
      ) : pending ? (
        <p className="muted" aria-live="polite">
          Waiting for the SMS… it appears here as soon as it arrives.
        </p>
      ) : null}
      {awaiting && (
        <p className="muted" aria-live="polite" data-testid="awaiting-another-code">
          Waiting for another code on the same number…
        </p>
      )}
      {pending && <ExpiryCountdown expiresAt={verification.expires_at} />}
      <p className="muted">
        {formatMoney(verification.price)}
        {verification.refunded && ' · refunded'}
      </p>
      <ErrorLine error={action.error} />
      <div className="actions">
        {pending && !verification.code && (
          <button type="button" className="danger" onClick={cancel} disabled={action.busy}>
            Cancel and refund
          </button>
        )}
        {held && !awaiting && (
          <button type="button" onClick={anotherCode} disabled={action.busy}>
            Another code
          </button>
        )}
        {reported ? (
          <p className="muted" role="status">
            Reported. Thank you.
          </p>
        ) : (
          <>
            <label className="inline">
              Problem
              <select value={reason} onChange={(e) => setReason(e.target.value as ReportVerificationRequestReason)}>
                {REPORT_REASONS.map(([value, words]) => (
                  <option key={value} value={value}>
                    {words}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={report} disabled={action.busy}>
              Report
            </button>
          </>
        )}
      </div>
    </section>
  );
}
