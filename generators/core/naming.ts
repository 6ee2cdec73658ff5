/**
 * Case conversion and reserved-word escaping shared by every emitter. Words are split on
 * non-alphanumerics, lower-to-upper transitions and acronym boundaries, so `webhook-endpoints`,
 * `webhookEndpoints`, `WebhookEndpoints` and `webhook_endpoints` all give the same words.
 */

/** Splits an identifier in any casing into lower-case words. */
export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** `webhook-endpoints` -> `webhookEndpoints`. */
export function camelCase(input: string): string {
  const [first = '', ...rest] = words(input);
  return first + rest.map(capitalize).join('');
}

/** `webhook-endpoints` -> `WebhookEndpoints`. */
export function pascalCase(input: string): string {
  return words(input).map(capitalize).join('');
}

/** `webhookEndpoints` -> `webhook_endpoints`. */
export function snakeCase(input: string): string {
  return words(input).join('_');
}

/** `webhookEndpoints` -> `WEBHOOK_ENDPOINTS`. */
export function screamingSnakeCase(input: string): string {
  return snakeCase(input).toUpperCase();
}

/** `webhookEndpoints` -> `webhook-endpoints`. */
export function kebabCase(input: string): string {
  return words(input).join('-');
}

/** Reserved words per target language: identifiers that must be escaped when a spec name collides. */
export const reservedWords: Record<'typescript' | 'python' | 'go' | 'ruby' | 'php', ReadonlySet<string>> = {
  typescript: new Set(
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield await'.split(
      ' ',
    ),
  ),
  python: new Set(
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
      ' ',
    ),
  ),
  go: new Set(
    'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(
      ' ',
    ),
  ),
  ruby: new Set(
    'BEGIN END alias and begin break case class def defined? do else elsif end ensure false for if in module next nil not or redo rescue retry return self super then true undef unless until when while yield'.split(
      ' ',
    ),
  ),
  php: new Set(
    'abstract and array as break callable case catch class clone const continue declare default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile eval exit extends final finally fn for foreach function global goto if implements include instanceof insteadof interface isset list match namespace new or print private protected public readonly require return static switch throw trait try unset use var while xor yield'.split(
      ' ',
    ),
  ),
};

/** Appends `_` to an identifier that is a reserved word of the language. */
export function escapeReserved(name: string, language: keyof typeof reservedWords): string {
  return reservedWords[language].has(name) ? `${name}_` : name;
}

/** English singular of a lower-case word, enough for resource nouns (`entries`, `addresses`, `keys`). */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}
