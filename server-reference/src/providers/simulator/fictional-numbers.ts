/**
 * Phone numbers the simulator hands out. None of them can ring a real person:
 *
 * - NANP (US, CA): 555-0100 to 555-0199 in any area code, the block NANPA keeps for fictional use
 *   (the rest of 555 is partly assigned, so only 01xx is used). 100 numbers per area code.
 * - GB: Ofcom's drama numbers: mobile 07700 900000-900999 (area code `7700`, the default), London
 *   020 7946 0000-0999 (area code `20`) and the fictional area 01632 960000-960999 (area code `1632`).
 * - Other countries in COUNTRY_CODES: the country code followed by a national number that starts with
 *   0. Those countries use 0 only as the trunk prefix, so no E.164 number there starts with it and such a
 *   number can never be routed. Italy is deliberately absent: its fixed numbers keep the 0 after +39.
 */

/** A contiguous block of numbers: `prefix` + (first + i) zero-padded to `width`, for i < count. */
export interface NumberRange {
  prefix: string;
  first: number;
  count: number;
  width: number;
}

const NANP_COUNTRIES = new Set(['US', 'CA']);

/** Used when a NANP catalog entry lists no area codes. */
const NANP_FALLBACK_AREA_CODE: Record<string, string> = { US: '212', CA: '416' };

const GB_RANGES: Record<string, NumberRange> = {
  '7700': { prefix: '+447700900', first: 0, count: 1000, width: 3 },
  '20': { prefix: '+44207946', first: 0, count: 1000, width: 4 },
  '1632': { prefix: '+441632960', first: 0, count: 1000, width: 3 },
};

/** Calling codes of countries whose national numbers never start with 0 after the country code. */
const COUNTRY_CODES: Record<string, string> = {
  AU: '61',
  BR: '55',
  DE: '49',
  ES: '34',
  FR: '33',
  ID: '62',
  IN: '91',
  JP: '81',
  MX: '52',
  NL: '31',
  PH: '63',
  PL: '48',
  SE: '46',
};

/** Countries the simulator can make numbers for. */
export function hasFictionalNumbers(country: string): boolean {
  return NANP_COUNTRIES.has(country) || country === 'GB' || country in COUNTRY_CODES;
}

/**
 * The fictional block for a country and optional area code, or null when there is none (an unknown
 * country, or an area code without a fictional block).
 *
 * @example
 * fictionalRange('US', '415'); // +1 415 555 0100 ... 0199
 */
export function fictionalRange(country: string, areaCode?: string): NumberRange | null {
  if (NANP_COUNTRIES.has(country)) {
    const npa = areaCode ?? NANP_FALLBACK_AREA_CODE[country];
    if (npa === undefined || !/^[2-9]\d{2}$/.test(npa)) return null;
    return { prefix: `+1${npa}555`, first: 100, count: 100, width: 4 };
  }
  if (country === 'GB') return GB_RANGES[areaCode ?? '7700'] ?? null;
  const code = COUNTRY_CODES[country];
  if (!code || areaCode !== undefined) return null;
  return { prefix: `+${code}0555`, first: 0, count: 10_000, width: 4 };
}

/**
 * A number of `range` that is not in `inUse`, starting the search at a random point; null when every
 * number of the block is rented.
 */
export function allocateNumber(range: NumberRange, inUse: ReadonlySet<string>, random: () => number): string | null {
  const start = Math.floor(random() * range.count) % range.count;
  for (let i = 0; i < range.count; i++) {
    const n = range.first + ((start + i) % range.count);
    const candidate = range.prefix + String(n).padStart(range.width, '0');
    if (!inUse.has(candidate)) return candidate;
  }
  return null;
}
