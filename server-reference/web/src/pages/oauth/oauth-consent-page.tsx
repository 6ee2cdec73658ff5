import type { ApiKeyScope } from '@namaskah/sdk';
import { useMemo } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { useSession } from '../../session/use-session.ts';
import { deniedRedirect, readAuthorizationRequest, requestedScopes, requestProblem } from './authorization-request.ts';
import { SCOPE_DESCRIPTIONS } from './scope-descriptions.ts';

/** Where an approval or a denial sends the browser: the app's redirect URI (often a private-use scheme). */
const leaveFor = (url: string) => window.location.assign(url);

/**
 * The OAuth consent screen (authorization code + PKCE, for the mobile app): which app asks, what it may
 * do in plain words, and Allow or Deny. Allow asks the server for the code and follows its redirect;
 * Deny returns `error=access_denied`. A request the app could not have made (unregistered return address,
 * scope it may not ask for) is refused here and never redirected.
 */
export default function OAuthConsentPage() {
  const { user } = useSession();
  const request = useMemo(() => readAuthorizationRequest(window.location.search), []);
  const oauthClient = useApi(
    () => (typeof request === 'string' ? Promise.resolve(undefined) : client.oauth.clients.retrieve(request.client_id)),
    [],
  );
  const action = useAction();
  const problem = typeof request === 'string' ? request : oauthClient.data ? requestProblem(request, oauthClient.data) : null;

  const allow = async () => {
    if (typeof request === 'string') return;
    const approved = await action.run(() => client.oauth.authorize(request));
    if (approved) leaveFor(approved.redirect_to);
  };

  return (
    <main className="auth-card consent">
      <p className="brand">Namaskah</p>
      {problem ? (
        <>
          <h1>This sign-in link does not work</h1>
          <p className="notice error" role="alert">
            {problem}
          </p>
          <p className="muted">Nothing was shared. Go back to the app and try again.</p>
        </>
      ) : (
        <>
          <ApiStatus error={oauthClient.error} loading={oauthClient.loading} />
          {oauthClient.data && typeof request !== 'string' && (
            <section className="card" aria-labelledby="consent-title">
              <h1 id="consent-title">{oauthClient.data.name} wants to access your account</h1>
              <p className="muted">
                Signed in as <strong>{user?.email}</strong>
              </p>
              <p>It will be able to:</p>
              <ul className="scopes">
                {requestedScopes(request, oauthClient.data).map((scope) => (
                  <li key={scope}>{SCOPE_DESCRIPTIONS[scope as ApiKeyScope] ?? scope}</li>
                ))}
              </ul>
              <p className="muted">
                It cannot change your password, API keys or security settings. You can sign it out at any time on the Security page.
              </p>
              <ErrorLine error={action.error} />
              <div className="actions">
                <button type="button" onClick={allow} disabled={action.busy}>
                  Allow
                </button>
                <button type="button" className="secondary" onClick={() => leaveFor(deniedRedirect(request))} disabled={action.busy}>
                  Deny
                </button>
              </div>
            </section>
          )}
        </>
      )}
    </main>
  );
}
