/**
 * Our service slugs -> TextVerified `serviceName`s (the values its Service List returns). TextVerified
 * names most services by their lowercase brand name, as we do; a slug missing here is not offered
 * through TextVerified.
 */
export const TEXTVERIFIED_SERVICES: Record<string, string> = {
  whatsapp: 'whatsapp',
  telegram: 'telegram',
  google: 'google',
  facebook: 'facebook',
  instagram: 'instagram',
  tiktok: 'tiktok',
  amazon: 'amazon',
  discord: 'discord',
  microsoft: 'microsoft',
  uber: 'uber',
};

/** Carrier names callers use -> TextVerified's `carrierSelectOption` codes (its docs show vz, tmo, att). */
const CARRIERS: Record<string, string> = {
  verizon: 'vz',
  vz: 'vz',
  'verizon wireless': 'vz',
  't-mobile': 'tmo',
  tmobile: 'tmo',
  tmo: 'tmo',
  'at&t': 'att',
  att: 'att',
};

/** TextVerified's code for a carrier, or the lowercased name when it is not one we know. */
export function textVerifiedCarrier(carrier: string): string {
  const key = carrier.trim().toLowerCase();
  return CARRIERS[key] ?? key;
}
