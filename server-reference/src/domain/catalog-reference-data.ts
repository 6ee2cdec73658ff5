/**
 * Display data the upstream catalogs do not carry: service names, country dial codes and a few area-code
 * regions. Country names come from the runtime's CLDR data (Intl.DisplayNames).
 */
const SERVICE_NAMES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  google: 'Google',
  facebook: 'Facebook',
  instagram: 'Instagram',
  twitter: 'X (Twitter)',
  tiktok: 'TikTok',
  discord: 'Discord',
  microsoft: 'Microsoft',
  apple: 'Apple',
  amazon: 'Amazon',
  uber: 'Uber',
  paypal: 'PayPal',
  signal: 'Signal',
  viber: 'Viber',
  wechat: 'WeChat',
  snapchat: 'Snapchat',
  linkedin: 'LinkedIn',
  openai: 'OpenAI',
  netflix: 'Netflix',
  yahoo: 'Yahoo',
  tinder: 'Tinder',
  airbnb: 'Airbnb',
  steam: 'Steam',
  line: 'LINE',
  kakaotalk: 'KakaoTalk',
  other: 'Other',
};

const DIAL_CODES: Record<string, string> = {
  US: '+1',
  CA: '+1',
  GB: '+44',
  DE: '+49',
  FR: '+33',
  ES: '+34',
  IT: '+39',
  NL: '+31',
  BE: '+32',
  SE: '+46',
  NO: '+47',
  DK: '+45',
  FI: '+358',
  PL: '+48',
  PT: '+351',
  IE: '+353',
  AT: '+43',
  CH: '+41',
  CZ: '+420',
  RO: '+40',
  HU: '+36',
  GR: '+30',
  UA: '+380',
  RU: '+7',
  KZ: '+7',
  TR: '+90',
  IL: '+972',
  AE: '+971',
  SA: '+966',
  EG: '+20',
  NG: '+234',
  KE: '+254',
  ZA: '+27',
  MA: '+212',
  IN: '+91',
  PK: '+92',
  BD: '+880',
  LK: '+94',
  NP: '+977',
  CN: '+86',
  HK: '+852',
  TW: '+886',
  JP: '+81',
  KR: '+82',
  ID: '+62',
  MY: '+60',
  SG: '+65',
  TH: '+66',
  VN: '+84',
  PH: '+63',
  AU: '+61',
  NZ: '+64',
  BR: '+55',
  AR: '+54',
  CL: '+56',
  CO: '+57',
  PE: '+51',
  MX: '+52',
  VE: '+58',
  EE: '+372',
  LV: '+371',
  LT: '+370',
  GE: '+995',
  KG: '+996',
  UZ: '+998',
  MD: '+373',
  RS: '+381',
  BG: '+359',
  HR: '+385',
  SI: '+386',
  SK: '+421',
  CY: '+357',
};

const AREA_CODE_REGIONS: Record<string, Record<string, string>> = {
  US: {
    '201': 'Jersey City, NJ',
    '202': 'Washington, DC',
    '206': 'Seattle, WA',
    '212': 'New York, NY',
    '213': 'Los Angeles, CA',
    '305': 'Miami, FL',
    '312': 'Chicago, IL',
    '347': 'New York, NY',
    '404': 'Atlanta, GA',
    '415': 'San Francisco, CA',
    '512': 'Austin, TX',
    '617': 'Boston, MA',
    '646': 'New York, NY',
    '702': 'Las Vegas, NV',
    '713': 'Houston, TX',
    '718': 'New York, NY',
    '917': 'New York, NY',
  },
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** `whatsapp` -> `WhatsApp`; unknown slugs are title-cased. */
export function serviceName(slug: string): string {
  return (
    SERVICE_NAMES[slug] ??
    slug
      .split(/[-_]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ')
  );
}

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The country's calling code, or null when we do not know it (such countries are not offered). */
export const dialCode = (code: string): string | null => DIAL_CODES[code] ?? null;

export const areaCodeRegion = (country: string, areaCode: string): string | null => AREA_CODE_REGIONS[country]?.[areaCode] ?? null;
