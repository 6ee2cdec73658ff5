import type { SecurityOverview, SmsSecondFactorEnrolment } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorLine } from '../../components/api-status.tsx';
import type { ReasonRequest } from '../../components/reason-dialog.tsx';

interface Props {
  overview: SecurityOverview;
  onChanged: () => void;
  ask: (request: ReasonRequest) => void;
}

/** SMS second factor: send a code to a phone, confirm it, turn off with the password. */
export function SmsSecondFactorSection({ overview, onChanged, ask }: Props) {
  const [enrolment, setEnrolment] = useState<SmsSecondFactorEnrolment | null>(null);
  const action = useAction();

  const send = async (phone: string) => {
    const started = await action.run(() => client.security.smsSecondFactor.enable({ phone_number: phone }));
    if (started) setEnrolment(started);
  };
  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(String(new FormData(event.currentTarget).get('phone')).replace(/[\s()-]/g, ''));
  };
  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).trim();
    if (await action.run(() => client.security.smsSecondFactor.confirm({ code }))) {
      setEnrolment(null);
      onChanged();
    }
  };
  const turnOff = () =>
    ask({
      title: 'Turn off SMS codes?',
      description: 'Signing in will no longer send a code to your phone.',
      withReason: false,
      withProof: 'password',
      confirmLabel: 'Turn off',
      danger: true,
      onConfirm: async ({ proof }) => {
        if (await action.run(() => client.security.smsSecondFactor.disable({ password: proof ?? '' }))) onChanged();
      },
    });

  return (
    <section className="card" aria-labelledby="sms-title">
      <div className="row spread wrap">
        <h2 id="sms-title">SMS codes</h2>
        <span className={`badge ${overview.sms_second_factor_enabled ? 'ok' : ''}`}>
          {overview.sms_second_factor_enabled ? 'On' : 'Off'}
        </span>
      </div>
      {overview.sms_second_factor_enabled ? (
        <>
          <p>
            Codes go to <span className="mono unbroken">{overview.sms_phone_hint}</span>.
          </p>
          <button type="button" className="danger" onClick={turnOff} disabled={action.busy}>
            Turn off
          </button>
        </>
      ) : enrolment ? (
        <form onSubmit={confirm}>
          <p>
            We sent a six-digit code to <span className="mono unbroken">{enrolment.phone_number}</span>.
          </p>
          <label>
            Code from the SMS
            <input name="code" required autoComplete="one-time-code" inputMode="numeric" />
          </label>
          <div className="actions">
            <button type="submit" disabled={action.busy}>
              Turn on
            </button>
            <button type="button" className="link" disabled={action.busy} onClick={() => void send(enrolment.phone_number)}>
              Send a new code
            </button>
            <button type="button" className="link" onClick={() => setEnrolment(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={start}>
          <p className="muted">A code by text message after your password. Less safe than an app, but better than nothing.</p>
          <label>
            Phone number (with country code)
            <input name="phone" type="tel" required autoComplete="tel" placeholder="+44 7700 900123" />
          </label>
          <button type="submit" disabled={action.busy}>
            Send code
          </button>
        </form>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}
