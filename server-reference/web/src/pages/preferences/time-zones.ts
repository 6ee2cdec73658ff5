import { useMemo } from 'react';

/**
 * Current IANA names some browsers list only under their legacy alias (Chromium's ICU says
 * `Asia/Calcutta`, `Europe/Kiev`): the server accepts both, so the picker offers the current names too.
 */
const RENAMED_ZONES = [
  'Asia/Kolkata',
  'Europe/Kyiv',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Pacific/Kanton',
  'Atlantic/Faroe',
];

/**
 * Every IANA zone the browser knows, for the quiet-hours zone picker, plus the renamed ones above and
 * the zone already saved (so a zone this browser does not list is kept, not silently replaced).
 */
export const useTimeZones = (saved: string | undefined) =>
  useMemo(() => {
    const zones = new Set([...Intl.supportedValuesOf('timeZone'), ...RENAMED_ZONES, 'UTC']);
    if (saved) zones.add(saved);
    return [...zones].sort();
  }, [saved]);
