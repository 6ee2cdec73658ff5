import type { CliFlag } from '../generated/commands.js';
import { UsageError } from '../errors/exit-codes.js';

/** One flag's text as the value the API takes, checked against its kind and choices. */
export function parseFlagValue(flag: CliFlag, text: string): unknown {
  const value = parseScalar(flag, text);
  if (flag.choices && !flag.choices.map(String).includes(String(value))) {
    throw new UsageError(`--${flag.flag} must be one of ${flag.choices.join(', ')} (got ${text})`);
  }
  return value;
}

function parseScalar(flag: CliFlag, text: string): unknown {
  switch (flag.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag.flag} takes an integer (got ${text})`);
      return Number(text);
    }
    case 'number': {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) throw new UsageError(`--${flag.flag} takes a number (got ${text})`);
      return number;
    }
    case 'boolean': {
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new UsageError(`--${flag.flag} takes true or false (got ${text})`);
    }
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new UsageError(`--${flag.flag} takes JSON (got ${text})`);
      }
    default:
      return text;
  }
}

/**
 * Commander's raw value for a flag (a string, `true` for a bare boolean flag, an array for a repeated
 * one) as the API's value; repeated values may also be comma-separated (`--events a,b`).
 */
export function flagValue(flag: CliFlag, raw: unknown): unknown {
  if (raw === true) return true;
  if (flag.repeated) {
    const texts = (Array.isArray(raw) ? raw : [raw]).flatMap((text) => String(text).split(',')).filter(Boolean);
    return texts.map((text) => parseFlagValue(flag, text));
  }
  return parseFlagValue(flag, String(raw));
}
