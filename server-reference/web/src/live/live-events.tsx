import type { RealtimeEvent } from '@namaskah/sdk';
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { client } from '../api/client.ts';
import { beep, soundEnabled } from './beep.ts';
import { useToast } from './toasts.tsx';

type Listener = (event: RealtimeEvent) => void;
const LiveContext = createContext<Set<Listener> | null>(null);

/**
 * One real-time connection per signed-in tab (the SDK reconnects, resumes by sequence and falls back
 * from WebSocket to SSE by itself); pages subscribe with {@link useLiveEvents}. Codes and
 * announcements also raise a toast here, so they show whichever page is open.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>()).current;
  const toast = useToast();
  useEffect(() => {
    const live = client.realtime.connect();
    const off = live.on('*', (event) => {
      for (const listener of listeners) listener(event);
      if (event.type === 'verification.completed' && event.data.code) {
        toast({ title: `Code ${event.data.code}`, body: `${event.data.service} · ${event.data.phone_number ?? ''}`, tone: 'success' });
        if (soundEnabled()) beep();
      } else if (event.type === 'announcement.published') {
        toast({ title: event.data.title, body: event.data.body, tone: event.data.severity === 'critical' ? 'critical' : 'info' });
      } else if (event.type === 'balance.low') {
        toast({ title: 'Balance is low', tone: 'warning' });
      }
    });
    return () => {
      off();
      live.close();
    };
  }, [listeners, toast]);
  return <LiveContext.Provider value={listeners}>{children}</LiveContext.Provider>;
}

/** Calls `onEvent` for every live event while the component is mounted. */
export function useLiveEvents(onEvent: Listener): void {
  const listeners = useContext(LiveContext);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!listeners) return;
    const listener: Listener = (event) => latest.current(event);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listeners]);
}
