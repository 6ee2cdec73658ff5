import type { RecoveryCodes } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus } from '../../components/api-status.tsx';
import { ReasonDialog, type ReasonRequest } from '../../components/reason-dialog.tsx';
import { AuthenticatorAppSection } from './authenticator-app-section.tsx';
import { DevicesSection } from './devices-section.tsx';
import { IpAllowlistSection } from './ip-allowlist-section.tsx';
import { RecoveryCodesOnce } from './recovery-codes-once.tsx';
import { SessionsSection } from './sessions-section.tsx';
import { SmsSecondFactorSection } from './sms-second-factor-section.tsx';

/** Second factors, recovery codes, IP allowlist, sessions and push devices: one page for the account's protection. */
export default function SecurityPage() {
  const overview = useApi(() => client.security.retrieve(), []);
  const [codes, setCodes] = useState<RecoveryCodes | null>(null);
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  return (
    <main>
      <h1>Security</h1>
      {codes && <RecoveryCodesOnce codes={codes} onDone={() => setCodes(null)} />}
      <ApiStatus error={overview.error} loading={overview.loading && !overview.data} />
      {overview.data && (
        <>
          <AuthenticatorAppSection overview={overview.data} onChanged={overview.reload} onRecoveryCodes={setCodes} ask={setAsking} />
          <SmsSecondFactorSection overview={overview.data} onChanged={overview.reload} ask={setAsking} />
          <IpAllowlistSection onChanged={overview.reload} ask={setAsking} />
        </>
      )}
      <SessionsSection ask={setAsking} />
      <DevicesSection ask={setAsking} />
      <ReasonDialog request={asking} onClose={() => setAsking(null)} />
    </main>
  );
}
