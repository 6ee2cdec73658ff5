import en from './catalogues/en.json' with { type: 'json' };
import es from './catalogues/es.json' with { type: 'json' };

/** A message of the catalogues: every locale's file has the same keys as `catalogues/en.json`. */
export type MessageKey = keyof typeof en;

/**
 * The languages notifications, emails and report exports are written in (spec/schemas/user.yaml `locale`
 * lists them); English is the fallback for every other language.
 */
export const SUPPORTED_LANGUAGES = ['en', 'es'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** ICU MessageFormat strings, one data file per language. */
export const MESSAGE_CATALOGUES: Record<SupportedLanguage, Record<string, string>> = { en, es };
