import { useEffect, useRef } from 'react';
import { useLiveEvents } from './live-events.tsx';

/** When to read again after an event: the first attempt is due at once and workers poll every second. */
const RELOAD_AFTER_MS = [1_500, 5_000];

/**
 * Reads a page's data again shortly after each live event, and after each change of `nudge` (an action
 * of the page whose effect the server applies in the background, such as a test delivery). For what the
 * server changes *because of* an event without an event of its own (a webhook delivery, and with it the
 * endpoint's last success), this is how the page stays current without a refresh. Bursts share the timers.
 */
export function useReloadAfterLiveEvents(reload: () => void, nudge: number = 0): void {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const schedule = useRef(() => {});
  schedule.current = () => {
    for (const timer of timers.current) clearTimeout(timer);
    timers.current = RELOAD_AFTER_MS.map((delay) => setTimeout(reload, delay));
  };
  useLiveEvents(() => schedule.current());
  useEffect(() => {
    if (nudge > 0) schedule.current();
  }, [nudge]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
}
