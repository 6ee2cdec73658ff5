// Rents a number, waits for the SMS code (real time, polling as a safety net) and prints it.
//
//   NAMASKAH_BASE_URL=http://127.0.0.1:8080 node buy-verification.ts --service whatsapp --country US
//
// --sandbox-sms "Your code is 123-456" (sandbox servers only) injects an SMS through the sandbox endpoint
// instead of waiting for the provider to send one.
import { parseArgs } from 'node:util';
import { InsufficientBalanceError } from '@namaskah/sdk';
import { signedInClient } from './credentials.ts';

const { values } = parseArgs({
  options: {
    service: { type: 'string', default: 'whatsapp' },
    country: { type: 'string', default: 'US' },
    'sandbox-sms': { type: 'string' },
    timeout: { type: 'string', default: '120' },
  },
});

const client = await signedInClient();
try {
  const verification = await client.verifications.create({ service: values.service, country: values.country });
  console.log(
    `bought ${verification.id}: ${verification.phone_number} for ${verification.service}, ` +
      `${verification.price.amount} ${verification.price.currency} minor units`,
  );
  if (values['sandbox-sms']) await client.verifications.sandboxSms.create(verification.id, { text: values['sandbox-sms'] });
  const done = await client.verifications.waitForCode(verification.id, { timeout: Number(values.timeout) * 1000 });
  if (done.status === 'completed') console.log(`code: ${done.code}`);
  else {
    console.log(`${done.status} without a code (refunded: ${done.refunded})`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof InsufficientBalanceError)) throw error;
  console.error(`the balance is too low: top up first (request ${error.requestId})`);
  process.exitCode = 1;
}
