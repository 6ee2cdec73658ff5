import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './message-catalogues.ts';

/** Which catalogue a locale is written from, and the tag numbers and dates are formatted with. */
export interface ResolvedLocale {
  language: SupportedLanguage;
  /** The account's own tag when its language is supported (`es-MX` formats money as in Mexico), else `en`. */
  formatting: string;
}

const FALLBACK: ResolvedLocale = { language: 'en', formatting: 'en' };

const isSupported = (language: string): language is SupportedLanguage => (SUPPORTED_LANGUAGES as readonly string[]).includes(language);

/**
 * The catalogue and formatting locale for a BCP 47 tag: its language when a catalogue exists, English
 * otherwise (an unknown or malformed tag included).
 *
 * @example
 * resolveLocale('es-MX') // { language: 'es', formatting: 'es-MX' }
 * resolveLocale('de-DE') // { language: 'en', formatting: 'en' }
 */
export function resolveLocale(tag: string | null | undefined): ResolvedLocale {
  if (!tag) return FALLBACK;
  try {
    const locale = new Intl.Locale(tag);
    const language = locale.language.toLowerCase();
    return isSupported(language) ? { language, formatting: locale.toString() } : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
