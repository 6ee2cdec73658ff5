/**
 * The values the domain produces, other than rows (storage/rows.ts), that the wire serializers render.
 * They live in the kernel so that serializers never import domain/ (domain/ imports serializers to build
 * event payloads).
 */

/** An access token and its refresh token (spec/schemas/token-pair.yaml, in camelCase). */
export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
  sessionId: string;
}

/** How a price is made up (spec/schemas/price-breakdown.yaml), all in cents. */
export interface PriceBreakdown {
  basePriceCents: number;
  tierDiscountCents: number;
  tierDiscountBps: number;
  surcharges: Array<{ type: 'area_code' | 'carrier'; amountCents: number }>;
  priceCents: number;
}
