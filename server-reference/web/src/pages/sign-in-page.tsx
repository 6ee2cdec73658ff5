import type { LoginSecondFactorRequired, SecondFactorMethod } from '@namaskah/sdk';
import { type FormEvent, useState } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorLine } from '../components/api-status.tsx';
import { Link } from '../routing/router.tsx';
import { logIn, startSession } from '../session/session-actions.ts';

const METHOD_LABELS: Record<SecondFactorMethod, string> = {
  totp: 'Authenticator app code',
  sms: 'Code sent by SMS',
  recovery_code: 'Recovery code',
};

/** Email and password, then the second-factor step when the account has one. */
export function SignInPage() {
  const [challenge, setChallenge] = useState<LoginSecondFactorRequired | null>(null);
  const { busy, error, run } = useAction();

  const submitPassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await run(() => logIn(String(form.get('email')), String(form.get('password'))));
    // once signed in, the app's router leaves this page for the one asked for (see routing/return-to.ts)
    if (result?.result === 'second_factor_required') setChallenge(result);
  };

  const submitSecondFactor = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!challenge) return;
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const result = await client.auth.loginWithSecondFactor({
        challenge_token: challenge.challenge_token,
        method: form.get('method') as SecondFactorMethod,
        code: String(form.get('code')).trim(),
      });
      await startSession(result.tokens, result.user);
    });
  };

  if (challenge) {
    return (
      <main className="auth-card">
        <h1>Two-step verification</h1>
        <form onSubmit={submitSecondFactor}>
          <label>
            Method
            <select name="method" defaultValue={challenge.methods[0]}>
              {challenge.methods.map((method) => (
                <option key={method} value={method}>
                  {METHOD_LABELS[method]}
                </option>
              ))}
            </select>
          </label>
          {challenge.sms_phone_hint && <p className="muted">SMS codes go to {challenge.sms_phone_hint}.</p>}
          <label>
            Code
            <input name="code" required autoComplete="one-time-code" inputMode="text" />
          </label>
          <ErrorLine error={error} />
          <button type="submit" disabled={busy}>
            Verify
          </button>
          <button type="button" className="link" onClick={() => setChallenge(null)}>
            Start over
          </button>
        </form>
      </main>
    );
  }

  return (
    <main className="auth-card">
      <h1>Sign in to Namaskah</h1>
      <form onSubmit={submitPassword}>
        <label>
          Email
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <ErrorLine error={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
