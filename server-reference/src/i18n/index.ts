export { MESSAGE_CATALOGUES, SUPPORTED_LANGUAGES, type MessageKey, type SupportedLanguage } from './message-catalogues.ts';
export { resolveLocale, type ResolvedLocale } from './resolve-locale.ts';
export { translatorFor, type MessageValues, type MinorUnits, type Translator } from './translator.ts';
