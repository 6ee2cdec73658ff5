/** Sender names as the networks show them, for the services the default catalog offers. */
const SENDERS: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  google: 'Google',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  amazon: 'Amazon',
  discord: 'Discord',
  microsoft: 'Microsoft',
  uber: 'Uber',
};

/** The content of an SMS the simulator sends by itself. */
export interface SimulatedSms {
  from: string;
  text: string;
  code: string;
}

/**
 * A verification SMS for `service` with a 6-digit code drawn from `random`. The text uses the
 * `123-456` form for some services and a plain run of digits for others, as real senders do, so both
 * extraction rules of the platform get exercised.
 *
 * @example
 * simulatedSms('whatsapp', Math.random); // { from: 'WhatsApp', text: 'Your WhatsApp code: 482-913. ...', code: '482913' }
 */
export function simulatedSms(service: string, random: () => number): SimulatedSms {
  const code = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
  const from = SENDERS[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
  const dashed = `${code.slice(0, 3)}-${code.slice(3)}`;
  const text =
    service === 'whatsapp' || service === 'telegram'
      ? `Your ${from} code: ${dashed}. Don't share this code with others.`
      : `${code} is your ${from} verification code.`;
  return { from, text, code };
}
