import { z } from 'zod';
import { convertedCents, providerDate } from '../shared/provider-schemas.ts';

/**
 * The parts of 5sim's documented JSON responses the adapter reads. Money is in the account's currency
 * and becomes USD cents at the configured rate, so each schema is built for that rate.
 */

/** One entry of an order's `sms` array. 5sim gives no message id. */
export const fiveSimSmsSchema = z.object({
  created_at: providerDate,
  date: providerDate.optional(),
  sender: z.string().nullable().optional(),
  text: z.string(),
  code: z.string().nullable().optional(),
});

export type FiveSimSms = z.output<typeof fiveSimSmsSchema>;

/** An order, as buy, check, cancel and ban return it. */
export function fiveSimOrderSchema(unitsPerUsd: string) {
  return z.object({
    id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String),
    phone: z.string().regex(/^\+?\d{6,15}$/),
    product: z.string(),
    price: convertedCents(unitsPerUsd, 'up'),
    status: z.string(),
    expires: providerDate,
    created_at: providerDate,
    sms: z.array(fiveSimSmsSchema).nullable(),
    country: z.string(),
  });
}

/** GET /v1/user/profile. */
export function fiveSimProfileSchema(unitsPerUsd: string) {
  return z.object({
    id: z.number(),
    email: z.string(),
    balance: convertedCents(unitsPerUsd, 'down', { allowNegative: true }),
    rating: z.number(),
  });
}

/** GET /v1/guest/prices?product=: product -> country -> operator -> price. */
export function fiveSimPricesSchema(unitsPerUsd: string) {
  const offer = z.object({
    cost: convertedCents(unitsPerUsd, 'up'),
    count: z.number().int().nonnegative(),
  });
  return z.record(z.string(), z.record(z.string(), z.record(z.string(), offer)));
}
