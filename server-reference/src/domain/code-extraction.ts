const CODE_PATTERN = /^[0-9A-Za-z]{3,12}$/;

/**
 * The verification code in an SMS (DESIGN.md §4): the provider's parsed code when it gives a plausible
 * one, else a `123-456` group (returned without the dash), else the last run of 4-8 digits. Null when
 * the message has none.
 *
 * @example
 * extractCode('Your WhatsApp code: 482-913', null) // '482913'
 * extractCode('G-1234 is your code, ref 99', null) // '1234'
 */
export function extractCode(text: string, parsedCode: string | null): string | null {
  if (parsedCode && CODE_PATTERN.test(parsedCode.trim())) return parsedCode.trim();
  const dashed = /(?<![0-9])([0-9]{3})-([0-9]{3})(?![0-9])/.exec(text);
  if (dashed) return `${dashed[1]}${dashed[2]}`;
  const runs = text.match(/(?<![0-9])[0-9]{4,8}(?![0-9])/g);
  return runs?.at(-1) ?? null;
}
