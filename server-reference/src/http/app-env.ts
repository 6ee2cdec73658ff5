import type { Payments } from '../payments/index.ts';
import type { ReadRouting } from '../storage/read-replica/index.ts';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.ts';
import type { AccountService } from '../domain/accounts.ts';
import type { ApiKeyService } from '../domain/api-keys.ts';
import type { CatalogService } from '../domain/catalog.ts';
import type { Principal } from '../domain/principal.ts';
import type { PrincipalLookup } from '../domain/principal-lookup.ts';
import type { QuoteService } from '../domain/quotes.ts';
import type { TopUpService } from '../domain/top-ups.ts';
import type { AutoTopUpService } from '../domain/auto-top-ups.ts';
import type { VerificationService } from '../domain/verifications.ts';
import type { WalletService } from '../domain/wallet-ledger.ts';
import type { AccessTokens } from '../domain/access-tokens.ts';
import type { ProviderRegistry } from '../providers/index.ts';
import type { IpAllowlistService } from '../domain/security/ip-allowlist.ts';
import type { LoginChallengeService } from '../domain/security/login-challenges.ts';
import type { SecondFactorService } from '../domain/security/second-factors.ts';
import type { OAuthService } from '../domain/oauth/oauth-service.ts';
import type { ChangeFeed } from '../domain/sync/change-feed.ts';
import type { Database } from '../storage/database-schema.ts';
import type { PlatformModules } from '../platform/platform-modules.ts';
import type { RealtimeHub } from '../realtime/index.ts';
import type { LoadedSpec, SpecOperation } from './openapi/load-spec.ts';
import type { ValidatedInput } from './openapi/request-validator.ts';
import type { ApiError } from '../errors/index.ts';
import type { PlatformMetrics } from '../observability/platform-metrics.ts';
import type { RequestRateLimiter } from './middleware/rate-limit/request-rate-limiter.ts';

/** Everything a request handler may use; built once by `createApp`. */
export interface AppServices {
  config: ServerConfig;
  db: Kysely<Database>;
  databaseDriver: 'pglite' | 'postgres';
  logger: Logger;
  spec: LoadedSpec;
  /** The upstream providers and the routing between them. */
  providers: ProviderRegistry;
  tokens: AccessTokens;
  accounts: AccountService;
  apiKeys: ApiKeyService;
  /** The caller's credential, user, tier and IP allowlist in one query (authentication). */
  principals: PrincipalLookup;
  catalog: CatalogService;
  quotes: QuoteService;
  wallet: WalletService;
  topUps: TopUpService;
  /** The wallet's automatic top-up, started by the `auto-top-up` outbox consumer on `balance.low`. */
  autoTopUps: AutoTopUpService;
  /** The payment provider behind top-ups (sandbox or Stripe) and its webhook secret. */
  payments: Payments;
  verifications: VerificationService;
  ipAllowlist: IpAllowlistService;
  secondFactors: SecondFactorService;
  loginChallenges: LoginChallengeService;
  oauth: OAuthService;
  sync: ChangeFeed;
  rateLimiter: RequestRateLimiter;
  startedAt: Date;
  /** Real time, webhooks and notifications: what the outbox dispatcher feeds. */
  platform: PlatformModules;
  /** Shared counters and the cross-node fan-out; null on a single node (health reports it). */
  redis: Redis | null;
  /** This node's real-time connections (health reports its `size`). */
  realtimeHub: RealtimeHub;
  /** Prometheus metrics served at `/metrics`. */
  metrics: PlatformMetrics;
  /** Where analytics and exports read: the read replica while it serves, else the primary. */
  reads: ReadRouting;
}

/**
 * Hono environment: per-request variables set by the middleware chain. `Input` is what validation made of
 * the request: the middleware see the untyped `ValidatedInput`, a handler its operation's `OperationInput`.
 */
export interface AppEnv<Input = ValidatedInput> {
  Variables: {
    requestId: string;
    services: AppServices;
    /** The authenticated caller, or null for an anonymous request. */
    principal: Principal | null;
    /** Credentials were sent but are not valid; raised by `authorize` (even on public routes). */
    authError: ApiError | null;
    operation: SpecOperation;
    input: Input;
    /** The problem `code` of the error response, once one is written (the request log records it). */
    problemCode?: string;
  };
}

/**
 * The environment of any operation's context, for helpers shared by handlers (`<E extends AnyOperationEnv>`):
 * the input is `unknown` to them, so a helper that needs it says which shape it reads.
 */
export type AnyOperationEnv = AppEnv<unknown>;
