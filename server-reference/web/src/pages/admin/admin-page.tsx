import { type ReactNode, useState } from 'react';
import { useSession } from '../../session/use-session.ts';
import { AdminAuditLog } from './admin-audit-log.tsx';
import { AdminRefunds, AdminTransactions } from './admin-money.tsx';
import { AdminHealth } from './admin-health.tsx';
import { AdminAnnouncements, AdminErrors } from './admin-platform.tsx';
import { AdminPricing } from './admin-pricing.tsx';
import { AdminProviders } from './admin-providers.tsx';
import type { AdminTabProps } from './admin-tab.ts';
import { AdminTiers } from './admin-tiers.tsx';
import { AdminUsers } from './admin-users.tsx';
import { AdminVerifications } from './admin-verifications.tsx';

const SECTIONS: Array<[string, (props: AdminTabProps) => ReactNode]> = [
  ['Users', AdminUsers],
  ['Verifications', AdminVerifications],
  ['Transactions', AdminTransactions],
  ['Refunds', AdminRefunds],
  ['Health', AdminHealth],
  ['Tiers', AdminTiers],
  ['Providers', AdminProviders],
  ['Errors', AdminErrors],
  ['Announcements', AdminAnnouncements],
  ['Pricing', AdminPricing],
  ['Audit log', AdminAuditLog],
];

/**
 * Platform administration, for `admin` and `support` (the server enforces roles on every call; hiding
 * the page from others is only a courtesy).
 */
export default function AdminPage() {
  const { user } = useSession();
  const [current, setCurrent] = useState(SECTIONS[0]![0]);
  if (user?.role !== 'admin' && user?.role !== 'support')
    return (
      <main>
        <p className="notice">This page is for administrators.</p>
      </main>
    );
  const Section = SECTIONS.find(([name]) => name === current)![1];
  return (
    <main>
      <h1>Admin</h1>
      <div className="tabs" role="tablist" aria-label="Admin sections">
        {SECTIONS.map(([name]) => (
          <button key={name} type="button" role="tab" aria-selected={name === current} onClick={() => setCurrent(name)}>
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={current}>
        <Section openTab={setCurrent} />
      </div>
    </main>
  );
}
