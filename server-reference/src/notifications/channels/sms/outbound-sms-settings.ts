import { choice, integer, optionalText, text } from '../../../config-settings.ts';

/** Settings of outbound SMS (SMS sign-in codes and the `sms` notification channel), printed in docs/configuration.md. */
export const OUTBOUND_SMS_SETTINGS = {
  sender: choice(
    'SMS_SENDER',
    ['simulator', 'twilio'],
    'simulator',
    '`simulator`: the first upstream provider that can send (the simulator records the message); `twilio`: Twilio Programmable Messaging with the `TWILIO_*` settings.',
  ),
  twilioAccountSid: optionalText('TWILIO_ACCOUNT_SID', 'Twilio Account SID (`AC...`); **required** with `SMS_SENDER=twilio`.'),
  twilioAuthToken: optionalText(
    'TWILIO_AUTH_TOKEN',
    'Twilio auth token (or an API key secret); **required** with `SMS_SENDER=twilio`. Never logged.',
    'secret',
  ),
  twilioFrom: optionalText('TWILIO_FROM', 'Sender of the messages: an E.164 number or alphanumeric sender id of the account.'),
  twilioMessagingServiceSid: optionalText(
    'TWILIO_MESSAGING_SERVICE_SID',
    'Messaging Service (`MG...`) that picks the sender; used instead of `TWILIO_FROM` when set. One of the two is **required**.',
  ),
  twilioApiBase: text('TWILIO_API_BASE', 'https://api.twilio.com', "Twilio's API origin (tests point it at a local server).", 'URL'),
  twilioTimeoutMs: integer('TWILIO_TIMEOUT_MS', 10_000, 'Deadline of one request to Twilio, in milliseconds.', 1),
} as const;
