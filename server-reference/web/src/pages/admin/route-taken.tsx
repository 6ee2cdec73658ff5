import type { AdminVerification, ProviderAttempt } from '@namaskah/sdk';
import { formatTime } from '../../components/format.ts';

/** One attempt of a purchase's route: `simulator ✗ no_numbers` for a failure, `simulator ✓` for the one that supplied it. */
const attemptLabel = (a: ProviderAttempt): string =>
  a.outcome === 'purchased' ? `${a.provider} ✓` : `${a.provider} ✗ ${a.error_code ?? ''}`.trim();

/** The route a purchase took: every provider tried, in order (failover), or "—" before any answered. */
export function RouteTaken({ verification }: { verification: AdminVerification }) {
  const attempts = verification.provider_attempts;
  if (attempts.length === 0) return <>—</>;
  return (
    <ol className="route" aria-label={`Route of ${verification.id}`}>
      {attempts.map((a) => (
        <li key={`${a.provider}-${a.attempted_at}`} title={`${a.outcome} at ${formatTime(a.attempted_at)}`} data-outcome={a.outcome}>
          {attemptLabel(a)}
        </li>
      ))}
    </ol>
  );
}
