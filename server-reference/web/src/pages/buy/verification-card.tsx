import type { Verification } from '@namaskah/sdk';
import { formatMoney, formatTime } from '../../components/format.ts';

/** One verification as it stands now: the number to type in, then the code once it arrives. */
export function VerificationCard({ verification }: { verification: Verification }) {
  return (
    <section className="card" aria-label="Current verification" data-testid="current-verification" data-status={verification.status}>
      <div className="row spread">
        <h2>
          {verification.service} · {verification.country}
        </h2>
        <span className={`badge ${verification.status}`}>{verification.status}</span>
      </div>
      <p>
        Number:{' '}
        <strong className="mono" data-testid="phone-number">
          {verification.phone_number ?? '—'}
        </strong>
      </p>
      {verification.code ? (
        <p className="code" aria-live="assertive">
          Code:{' '}
          <strong className="mono" data-testid="verification-code">
            {verification.code}
          </strong>
        </p>
      ) : verification.status === 'pending' ? (
        <p className="muted" aria-live="polite">
          Waiting for the SMS… it appears here as soon as it arrives.
        </p>
      ) : null}
      <p className="muted">
        {formatMoney(verification.price)} · expires {formatTime(verification.expires_at)}
        {verification.refunded && ' · refunded'}
      </p>
    </section>
  );
}
