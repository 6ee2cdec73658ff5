import { formatRemaining } from '../../components/format-duration.ts';
import { formatTime } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';

/** Time left until a pending verification expires (and is refunded), ticking every second. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const left = Date.parse(expiresAt) - now;
  return (
    <p className="muted">
      {left > 0 ? 'Expires in ' : 'Expiring… '}
      <strong role="timer" aria-label="Time left" className="unbroken" data-testid="expiry-countdown" title={formatTime(expiresAt)}>
        {formatRemaining(left)}
      </strong>
      {left > 0 && ' — refunded automatically if no code arrives'}
    </p>
  );
}
