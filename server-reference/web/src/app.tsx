import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { AppShell } from './app-shell.tsx';
import { Skeleton } from './components/api-status.tsx';
import { BalanceProvider } from './live/balance.tsx';
import { LiveEventsProvider } from './live/live-events.tsx';
import { ApiKeysPage } from './pages/api-keys-page.tsx';
import { BuyPage } from './pages/buy/buy-page.tsx';
import { HistoryPage } from './pages/history-page.tsx';
import { NotificationsPage } from './pages/notifications-page.tsx';
import { PreferencesPage } from './pages/preferences/preferences-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { SignUpPage } from './pages/sign-up-page.tsx';
import { WalletPage } from './pages/wallet-page.tsx';
import { WebhooksPage } from './pages/webhooks/webhooks-page.tsx';
import { returnTarget, signInReturningHere } from './routing/return-to.ts';
import { navigate, usePath } from './routing/router.tsx';
import { useSession } from './session/use-session.ts';

// Chart.js and the admin screens load on first visit only, keeping them out of the first paint.
const AnalyticsPage = lazy(() => import('./pages/analytics/analytics-page.tsx'));
const AdminPage = lazy(() => import('./pages/admin/admin-page.tsx'));
const ScheduledReportsPage = lazy(() => import('./pages/reports/scheduled-reports-page.tsx'));
const SecurityPage = lazy(() => import('./pages/security/security-page.tsx'));
const OAuthConsentPage = lazy(() => import('./pages/oauth/oauth-consent-page.tsx'));

const PAGES: Record<string, ComponentType> = {
  '/': BuyPage,
  '/history': HistoryPage,
  '/wallet': WalletPage,
  '/notifications': NotificationsPage,
  '/notifications/preferences': PreferencesPage,
  '/webhooks': WebhooksPage,
  '/api-keys': ApiKeysPage,
  '/security': SecurityPage,
  '/analytics': AnalyticsPage,
  '/analytics/reports': ScheduledReportsPage,
  '/admin': AdminPage,
};
const PUBLIC_PAGES: Record<string, ComponentType> = { '/sign-in': SignInPage, '/sign-up': SignUpPage };
// signed-in pages shown without the navigation frame: another app's consent screen
const BARE_PAGES: Record<string, ComponentType> = { '/oauth/authorize': OAuthConsentPage };

/** Routes by path; signed-out visitors see the sign-in and sign-up pages only. */
export function App() {
  const path = usePath();
  const { status } = useSession();
  const isPublic = path in PUBLIC_PAGES;

  useEffect(() => {
    if (status === 'signed-out' && !isPublic) navigate(signInReturningHere(), { replace: true });
    if (status === 'signed-in' && isPublic) navigate(returnTarget(), { replace: true });
  }, [status, isPublic]);

  if (status === 'restoring')
    return (
      <p className="muted center" aria-busy="true">
        Loading…
      </p>
    );
  if (status === 'signed-out') {
    const Page = PUBLIC_PAGES[path] ?? SignInPage;
    return <Page />;
  }
  const Bare = BARE_PAGES[path];
  if (Bare)
    return (
      <Suspense fallback={<Skeleton lines={6} />}>
        <Bare />
      </Suspense>
    );
  const Page = PAGES[path];
  return (
    <LiveEventsProvider>
      <BalanceProvider>
        <AppShell>
          <Suspense
            fallback={
              <main>
                <Skeleton lines={6} />
              </main>
            }
          >
            {Page ? (
              <Page />
            ) : (
              <main>
                <h1>Not found</h1>
                <p>No page at {path}.</p>
              </main>
            )}
          </Suspense>
        </AppShell>
      </BalanceProvider>
    </LiveEventsProvider>
  );
}
