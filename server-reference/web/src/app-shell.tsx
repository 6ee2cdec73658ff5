import { type ReactNode, useState } from 'react';
import { formatMoney } from './components/format.ts';
import { useBalance } from './live/balance.tsx';
import { useUnreadCount } from './live/use-unread-count.ts';
import { Link, navigate } from './routing/router.tsx';
import { logOut } from './session/session-actions.ts';
import { useSession } from './session/use-session.ts';

/** The signed-in frame: a navigation bar (a menu button on phones) with the unread badge, and the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const unread = useUnreadCount();
  const { balance } = useBalance();
  const [menuOpen, setMenuOpen] = useState(false);
  const staff = user?.role === 'admin' || user?.role === 'support';
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          Namaskah
        </Link>
        <Link href="/wallet" className="header-balance" data-testid="header-balance">
          <span className="muted">Balance</span> <strong>{balance ? formatMoney(balance) : '…'}</strong>
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: closes the phone menu after a link is followed; links fire click on Enter too */}
        <nav id="main-nav" className={menuOpen ? 'open' : ''} aria-label="Main" onClick={() => setMenuOpen(false)}>
          <Link href="/">Buy</Link>
          <Link href="/history">History</Link>
          <Link href="/wallet">Wallet</Link>
          <Link href="/notifications">
            Notifications
            {unread ? (
              <span className="count" data-testid="unread-badge">
                {unread}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </Link>
          <Link href="/webhooks">Webhooks</Link>
          <Link href="/api-keys">API keys</Link>
          <Link href="/security">Security</Link>
          <Link href="/analytics">Analytics</Link>
          {staff && <Link href="/admin">Admin</Link>}
          <button
            type="button"
            className="link"
            onClick={async () => {
              await logOut().catch(() => {});
              navigate('/sign-in', { replace: true });
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      {children}
      <footer className="muted">Signed in as {user?.email}</footer>
    </>
  );
}
