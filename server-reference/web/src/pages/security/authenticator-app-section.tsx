import type { RecoveryCodes, SecurityOverview, TotpEnrolment } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorLine } from '../../components/api-status.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import type { ReasonRequest } from '../../components/reason-dialog.tsx';
import { QrCode } from './qr-code.tsx';

interface Props {
  overview: SecurityOverview;
  onChanged: () => void;
  onRecoveryCodes: (codes: RecoveryCodes) => void;
  ask: (request: ReasonRequest) => void;
}

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * TOTP: enrol (QR code of the otpauth URI, and the secret for manual entry), confirm with a code
 * (which returns the first recovery codes), regenerate the recovery codes, turn off with a code.
 */
export function AuthenticatorAppSection({ overview, onChanged, onRecoveryCodes, ask }: Props) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const action = useAction();

  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).replace(/\s/g, '');
    const codes = await action.run(() => client.security.totp.confirm({ code }));
    if (codes) {
      setEnrolment(null);
      onRecoveryCodes(codes);
      onChanged();
    }
  };

  const regenerate = () =>
    ask({
      title: 'Regenerate recovery codes?',
      description: 'Your current recovery codes stop working at once.',
      withReason: false,
      confirmLabel: 'Regenerate',
      onConfirm: async () => {
        const codes = await action.run(() => client.security.recoveryCodes.regenerate());
        if (codes) {
          onRecoveryCodes(codes);
          onChanged();
        }
      },
    });

  const turnOff = () =>
    ask({
      title: 'Turn off the authenticator app?',
      description: 'Signing in will no longer ask for a code from your app.',
      withReason: false,
      withProof: 'code',
      confirmLabel: 'Turn off',
      danger: true,
      onConfirm: async ({ proof }) => {
        if (await action.run(() => client.security.totp.disable({ code: proof?.replace(/\s/g, '') ?? '' }))) onChanged();
      },
    });

  return (
    <section className="card" aria-labelledby="totp-title">
      <div className="row spread wrap">
        <h2 id="totp-title">Authenticator app</h2>
        <span className={`badge ${overview.totp_enabled ? 'ok' : ''}`}>{overview.totp_enabled ? 'On' : 'Off'}</span>
      </div>
      <p className="muted">A six-digit code from an app such as 1Password, Google Authenticator or Authy, asked for after your password.</p>
      {overview.totp_enabled ? (
        <>
          <p>
            Recovery codes left: <strong>{overview.recovery_codes_remaining}</strong>
          </p>
          <div className="actions">
            <button type="button" onClick={regenerate} disabled={action.busy}>
              Regenerate recovery codes
            </button>
            <button type="button" className="danger" onClick={turnOff} disabled={action.busy}>
              Turn off
            </button>
          </div>
        </>
      ) : enrolment ? (
        <div className="totp-enrolment">
          <QrCode text={enrolment.otpauth_uri} label="QR code to scan with your authenticator app" />
          <div>
            <p>Scan the code with your authenticator app, or enter this key by hand:</p>
            <p className="row wrap">
              <code className="mono" data-testid="totp-secret">
                {grouped(enrolment.secret)}
              </code>
              <CopyButton text={enrolment.secret} label="Copy setup key" />
            </p>
            <form onSubmit={confirm}>
              <label>
                Code from the app
                <input name="code" required autoComplete="one-time-code" inputMode="numeric" pattern="[0-9 ]{6,7}" maxLength={7} />
              </label>
              <div className="actions">
                <button type="submit" disabled={action.busy}>
                  Turn on
                </button>
                <button type="button" className="link" onClick={() => setEnrolment(null)}>
                  Cancel
                </button>
              </div>
            </form>
          </div>
        </div>
      ) : (
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => {
            const started = await action.run(() => client.security.totp.enrol());
            if (started) setEnrolment(started);
          }}
        >
          Set up authenticator app
        </button>
      )}
      {!overview.totp_enabled && overview.sms_second_factor_enabled && (
        <div className="actions">
          <button type="button" className="link" onClick={regenerate} disabled={action.busy}>
            Regenerate recovery codes
          </button>
        </div>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}
