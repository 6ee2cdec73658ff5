import { z } from 'zod';
import { providerDate, usdCents } from '../shared/provider-schemas.ts';

/**
 * The parts of TextVerified API v2's documented responses the adapter reads (components/schemas of its
 * OpenAPI document). Amounts are USD as JSON numbers and become integer cents here.
 */

/** `BearerToken`: POST /api/pub/v2/auth. */
export const bearerTokenSchema = z.object({
  token: z.string().min(1),
  expiresIn: z.number(),
  expiresAt: z.string(),
});

/** `Link`: the body of every 201 Created, and each pagination link. */
export const linkSchema = z.object({
  method: z.string().nullable(),
  href: z.string().nullable(),
});

/** `Error`: the body of a documented 400/409. */
export const errorSchema = z.object({
  errorCode: z.string().nullable(),
  errorDescription: z.string().nullable(),
});

/** `VerificationExpanded`: GET /api/pub/v2/verifications/{id}. */
export const verificationSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  state: z.string(),
  endsAt: providerDate,
  totalCost: usdCents('up'),
  cancel: z.object({ canCancel: z.boolean() }),
});

/** `Sms`. */
const smsSchema = z.object({
  id: z.string().min(1),
  from: z.string().nullable(),
  to: z.string(),
  createdAt: providerDate,
  smsContent: z.string().nullable(),
  parsedCode: z.string().nullable(),
  encrypted: z.boolean(),
});

/** `PaginatedData.Sms`: GET /api/pub/v2/sms. */
export const smsPageSchema = z.object({
  data: z.array(smsSchema),
  hasNext: z.boolean(),
  links: z.object({ next: linkSchema.nullable().optional() }),
});

/** `Account`: GET /api/pub/v2/account/me. A balance may be overdrawn, so negatives are allowed. */
export const accountSchema = z.object({
  username: z.string(),
  currentBalance: usdCents('down', { allowNegative: true }),
});

/** `Service[]`: GET /api/pub/v2/services. */
export const servicesSchema = z.array(z.object({ serviceName: z.string(), capability: z.string() }));

/** `AreaCode[]`: GET /api/pub/v2/area-codes. */
export const areaCodesSchema = z.array(z.object({ areaCode: z.string(), state: z.string() }));

/** `PricingSnapshot`: POST /api/pub/v2/pricing/verifications. */
export const pricingSchema = z.object({
  serviceName: z.string(),
  price: usdCents('up'),
});
