import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CATALOGUES, SUPPORTED_LANGUAGES, resolveLocale, translatorFor } from '../../src/i18n/index.ts';

/** The argument names a parsed ICU message uses, nested plural/select branches included. */
function argumentsOf(elements: unknown[], into = new Set<string>()): Set<string> {
  for (const element of elements as Array<{ value?: unknown; options?: Record<string, { value: unknown[] }> }>) {
    if (typeof element.value === 'string' && 'type' in element && (element as { type: number }).type !== 0) into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, into);
  }
  return into;
}

describe('message catalogues', () => {
  const english = MESSAGE_CATALOGUES.en;

  it.each(SUPPORTED_LANGUAGES)('%s has exactly the keys of the English catalogue', (language) => {
    expect(Object.keys(MESSAGE_CATALOGUES[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(SUPPORTED_LANGUAGES)('every %s message parses as ICU MessageFormat and uses the English arguments', (language) => {
    for (const [key, message] of Object.entries(MESSAGE_CATALOGUES[language])) {
      const parsed = new IntlMessageFormat(message, language);
      const reference = new IntlMessageFormat(english[key as keyof typeof english] ?? '', 'en');
      expect([key, [...argumentsOf(parsed.getAst())].sort()]).toEqual([key, [...argumentsOf(reference.getAst())].sort()]);
    }
  });

  it('resolves a locale to its language, and anything unsupported or malformed to English', () => {
    expect(resolveLocale('es-MX')).toEqual({ language: 'es', formatting: 'es-MX' });
    expect(resolveLocale('en-IN')).toEqual({ language: 'en', formatting: 'en-IN' });
    expect(resolveLocale('de-DE')).toEqual({ language: 'en', formatting: 'en' });
    expect(resolveLocale('not a tag')).toEqual({ language: 'en', formatting: 'en' });
    expect(resolveLocale(null)).toEqual({ language: 'en', formatting: 'en' });
  });

  it('formats plurals, numbers and money per locale', () => {
    const es = translatorFor('es');
    expect(es.t('email.digest_subject', { frequency: 'daily', count: 1 })).toBe('Tu resumen diario de Namaskah: 1 notificación');
    expect(es.t('email.digest_subject', { frequency: 'hourly', count: 2 })).toBe('Tu resumen horario de Namaskah: 2 notificaciones');
    expect(es.number(12345)).toBe('12.345');
    expect(es.money({ amount: 123456, currency: 'EUR' })).toBe('1234,56\u00a0€');
    expect(translatorFor('en-IN').money({ amount: 12345678, currency: 'INR' })).toBe('₹1,23,456.78');
    expect(translatorFor('en').money({ amount: 250, currency: 'JPY' })).toBe('¥250');
    expect(translatorFor('en').money(null)).toBe('an amount');
  });
});
