import type { Money } from '@namaskah/sdk';
import { createContext, type ReactNode, useContext } from 'react';
import { client } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useLiveEvents } from './live-events.tsx';

/** The events that change the balance: each is one ledger entry. */
const MONEY_EVENTS = new Set(['balance.credited', 'credit.deducted', 'refund.issued']);

interface BalanceState {
  /** The wallet balance, or undefined until the first answer. */
  balance: Money | undefined;
  reload: () => void;
}

const BalanceContext = createContext<BalanceState>({ balance: undefined, reload: () => {} });

/**
 * One wallet balance for the whole signed-in frame (the header shows it, the buy page compares it with
 * the price), read again from the server whenever a live event says the ledger moved.
 */
export function BalanceProvider({ children }: { children: ReactNode }) {
  const wallet = useApi(() => client.wallet.retrieve(), []);
  useLiveEvents((event) => MONEY_EVENTS.has(event.type) && wallet.reload());
  return <BalanceContext.Provider value={{ balance: wallet.data?.balance, reload: wallet.reload }}>{children}</BalanceContext.Provider>;
}

/** The current balance and a way to read it again (after an action that moved money). */
export const useBalance = (): BalanceState => useContext(BalanceContext);
