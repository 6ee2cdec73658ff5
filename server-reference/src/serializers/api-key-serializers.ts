import type { ApiKeyRow } from '../storage/rows.ts';
import { iso } from './money.ts';
import type { Schemas } from './wire-models.ts';

/** spec/schemas/api-key.yaml (never the secret). */
export const serializeApiKey = (key: ApiKeyRow): Schemas['ApiKey'] => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  environment: key.environment,
  // the column is text[]; createApiKey and rotateApiKey store only scopes their request schema allowed
  scopes: key.scopes as Schemas['ApiKey']['scopes'],
  allowed_ips: key.allowed_ips,
  created_at: iso(key.created_at),
  last_used_at: iso(key.last_used_at),
  expires_at: iso(key.expires_at),
  revoked_at: iso(key.revoked_at),
  previous_secret_expires_at:
    key.previous_secret_expires_at && key.previous_secret_expires_at.getTime() > Date.now() ? iso(key.previous_secret_expires_at) : null,
});
