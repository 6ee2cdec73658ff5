import type { FormEvent } from 'react';
import { client } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorLine } from '../components/api-status.tsx';
import { Link, navigate } from '../routing/router.tsx';
import { startSession } from '../session/session-actions.ts';

/** Registration; the account's time zone defaults to the browser's. */
export function SignUpPage() {
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const done = await run(async () => {
      const registration = await client.auth.register({
        name: String(form.get('name')),
        email: String(form.get('email')),
        password: String(form.get('password')),
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      await startSession(registration.tokens, registration.user);
      return true;
    });
    if (done) navigate('/', { replace: true });
  };
  return (
    <main className="auth-card">
      <h1>Create your account</h1>
      <form onSubmit={submit}>
        <label>
          Name
          <input name="name" required autoComplete="name" />
        </label>
        <label>
          Email
          <input name="email" type="email" required autoComplete="email" />
        </label>
        <label>
          Password
          <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <ErrorLine error={error} />
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
      <p>
        Already registered? <Link href="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
