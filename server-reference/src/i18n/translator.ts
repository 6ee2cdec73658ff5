import { IntlMessageFormat } from 'intl-messageformat';
import { MESSAGE_CATALOGUES, type MessageKey, type SupportedLanguage } from './message-catalogues.ts';
import { resolveLocale } from './resolve-locale.ts';

/** Values a message interpolates: text as given, numbers formatted by the message (`{n, number}`, plurals). */
export type MessageValues = Record<string, string | number>;

/** Money in minor units, as every wire shape carries it. */
export interface MinorUnits {
  amount: number;
  currency: string;
}

/** Texts, numbers, money and dates in one locale. */
export interface Translator {
  language: SupportedLanguage;
  /** The BCP 47 tag numbers and dates are formatted with. */
  locale: string;
  t(key: MessageKey, values?: MessageValues): string;
  number(value: number): string;
  /** Absolute amount in the currency's major unit (`{ amount: 250, currency: 'USD' }` -> `$2.50` in `en`). */
  money(money: MinorUnits | null | undefined): string;
  /** Date and time of day in `zone` (an IANA name). */
  dateTime(at: Date, zone: string): string;
  /** Calendar date in `zone`. */
  date(at: Date, zone: string): string;
}

function createTranslator(language: SupportedLanguage, locale: string): Translator {
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const messageOf = (key: MessageKey): IntlMessageFormat => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(MESSAGE_CATALOGUES[language][key] ?? MESSAGE_CATALOGUES.en[key] ?? key, locale);
      compiled.set(key, message);
    }
    return message;
  };
  const numbers = new Intl.NumberFormat(locale);
  const translator: Translator = {
    language,
    locale,
    t: (key, values) => String(messageOf(key).format(values)),
    number: (value) => numbers.format(value),
    money: (money) => {
      if (!money) return translator.t('common.an_amount');
      try {
        const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
        const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
        return formatter.format(Math.abs(money.amount) / 10 ** digits);
      } catch {
        return `${numbers.format(Math.abs(money.amount))} ${money.currency}`;
      }
    },
    dateTime: (at, zone) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(at),
    date: (at, zone) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(at),
  };
  return translator;
}

/** Few distinct tags exist in practice; the bound keeps a flood of odd tags from growing the cache. */
const MAX_CACHED = 64;
const cache = new Map<string, Translator>();

/**
 * The translator for an account's `locale` (a BCP 47 tag): its language's catalogue when there is one,
 * English otherwise. Compiled messages are cached per tag.
 *
 * @example
 * translatorFor('es').t('notification.balance_low.title') // 'Saldo bajo'
 * translatorFor('es').money({ amount: 250, currency: 'USD' }) // '2,50 US$'
 */
export function translatorFor(tag: string | null | undefined): Translator {
  const { language, formatting } = resolveLocale(tag);
  const key = `${language}|${formatting}`;
  let translator = cache.get(key);
  if (!translator) {
    if (cache.size >= MAX_CACHED) cache.clear();
    translator = createTranslator(language, formatting);
    cache.set(key, translator);
  }
  return translator;
}
