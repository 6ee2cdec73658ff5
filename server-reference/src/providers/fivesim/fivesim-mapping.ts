/**
 * Our ISO 3166-1 alpha-2 country codes -> 5sim country names (as its price and buy endpoints spell them;
 * note `england` for GB). A country missing here is not offered through 5sim.
 */
export const FIVESIM_COUNTRIES: Record<string, string> = {
  US: 'usa',
  CA: 'canada',
  GB: 'england',
  DE: 'germany',
  FR: 'france',
  NL: 'netherlands',
  ES: 'spain',
  IT: 'italy',
  PL: 'poland',
  SE: 'sweden',
  IN: 'india',
  ID: 'indonesia',
  PH: 'philippines',
  BR: 'brazil',
  MX: 'mexico',
  UA: 'ukraine',
};

/** Our service slugs -> 5sim product names. A slug missing here is not offered through 5sim. */
export const FIVESIM_PRODUCTS: Record<string, string> = {
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
  twitter: 'twitter',
  openai: 'openai',
};
