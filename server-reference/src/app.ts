import { hkdfSync } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { ServerConfig } from './config.ts';
import { AccessTokens } from './domain/access-tokens.ts';
import { AccountService } from './domain/accounts.ts';
import { ApiKeyService } from './domain/api-keys.ts';
import { PrincipalLookup } from './domain/principal-lookup.ts';
import { CatalogService } from './domain/catalog.ts';
import { LoginThrottle } from './domain/login-throttle.ts';
import { QuoteService } from './domain/quotes.ts';
import { TopUpService } from './domain/top-ups.ts';
import { AutoTopUpService } from './domain/auto-top-ups.ts';
import { VerificationService } from './domain/verifications.ts';
import { WalletService } from './domain/wallet-ledger.ts';
import type { AppEnv, AppServices } from './http/app-env.ts';
import { authenticate } from './http/middleware/authenticate/index.ts';
import { AnonymousRequestSeal, IdempotencyStore } from './http/middleware/idempotency/index.ts';
import { notFoundHandler, problemHandler } from './http/middleware/problem-handler/index.ts';
import { rateLimit, RequestRateLimiter } from './http/middleware/rate-limit/index.ts';
import { requestId } from './http/middleware/request-id/index.ts';
import { requestLogger } from './http/middleware/request-logger/index.ts';
import type { LoadedSpec, SpecOperation } from './http/openapi/load-spec.ts';
import type { OperationHandlers } from './http/operation-handler.ts';
import { ApiError } from './errors/index.ts';
import { operationHandlers } from './http/routes/index.ts';
import { adminRoleGuard, captureServerErrors } from './admin/index.ts';
import { recordApiRequests } from './analytics/index.ts';
import { registerContractDocuments } from './http/contract-documents.ts';
import { registerApiReference } from './http/api-reference.ts';
import { recordRequestMetrics, registerMetricsEndpoint } from './http/metrics-endpoint.ts';
import { PlatformMetrics } from './observability/platform-metrics.ts';
import { ReadRouting } from './storage/read-replica/index.ts';
import { registerSandboxCheckout } from './http/sandbox-checkout.ts';
import { registerSpecRoutes } from './http/spec-router.ts';
import type { SmsSink } from './domain/ports/upstream-provider.ts';
import type { ProviderRegistry } from './providers/index.ts';
import { IpAllowlistService } from './domain/security/ip-allowlist.ts';
import { LoginChallengeService } from './domain/security/login-challenges.ts';
import { SecondFactorService } from './domain/security/second-factors.ts';
import { OAuthService } from './domain/oauth/oauth-service.ts';
import { ChangeFeed } from './domain/sync/change-feed.ts';
import { SecretBox } from './crypto/secret-box.ts';
import type { Database } from './storage/database-schema.ts';
import { adminPricingSource } from './admin/index.ts';
import { buildPlatformModules, type PlatformModuleOptions } from './platform/platform-modules.ts';
import { loadOutboundSmsConfig, selectSmsSender, type OutboundSmsConfig } from './notifications/index.ts';
import { createPayments, loadPaymentConfig, type PaymentConfig } from './payments/index.ts';
import { createLogger } from './platform/create-logger.ts';
import { traceRequests } from './http/middleware/trace-requests/index.ts';

export interface AppDependencies {
  db: Kysely<Database>;
  databaseDriver: 'pglite' | 'postgres';
  /** The read replica analytics and exports read from while it serves (`READ_DATABASE_URL`); none by default. */
  replica?: Kysely<Database> | null;
  spec: LoadedSpec;
  /**
   * Builds the upstream providers, given the sink where push-capable ones deliver SMS; in production
   * `createProviderRegistry(providersConfigFromEnv(), { smsSink })`.
   */
  createProviders: (smsSink: SmsSink) => ProviderRegistry;
  redis?: Redis | null;
  logger?: Logger;
  /** Which sender outbound SMS (sign-in codes, SMS notifications) go through; the provider layer by default. */
  outboundSms?: OutboundSmsConfig;
  /** Which payment provider top-ups go through; the sandbox by default. */
  payments?: PaymentConfig;
  /** Settings and seams of realtime, webhooks and notifications (and the job queue they may use). */
  modules?: PlatformModuleOptions;
  /** Tracing runs (`startTracing`): every request gets a server span. Off by default. */
  traced?: boolean;
}

const hkdf = (key: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));

export interface BuiltApp {
  app: Hono<AppEnv>;
  services: AppServices;
  /** Spec operations without a handler yet (they answer 501). */
  unimplemented: SpecOperation[];
}

/**
 * Builds the Hono app from configuration and dependencies, with no side effects (no listening socket,
 * no timers, no migrations): `main.ts` does those, tests call `app.request()` directly.
 *
 * @example
 * const { app } = createApp(loadConfig(), { db, databaseDriver: 'pglite', spec, createProviders: (smsSink) => createProviderRegistry(providersConfigFromEnv(), { smsSink }) });
 * const res = await app.request('/v1/health');
 */
export function createApp(config: ServerConfig, deps: AppDependencies): BuiltApp {
  const logger = deps.logger ?? createLogger(config.logLevel, config.logFormat);
  const { db } = deps;
  const redis = deps.redis ?? null;
  let verifications: VerificationService | null = null;
  const providers = deps.createProviders(async (providerId, providerRef, sms) => {
    if (!verifications) throw new Error('SMS arrived before the app was built');
    await verifications.receiveSms(providerId, providerRef, sms);
  });
  const smsSender = selectSmsSender(deps.outboundSms ?? loadOutboundSmsConfig({}), providers.all());
  const ipAllowlist = new IpAllowlistService(db);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const throttle = new LoginThrottle({
    maxPerAccount: config.loginMaxFailuresPerAccount,
    accountWindowSeconds: config.loginThrottleWindowSeconds,
    maxPerIp: config.loginMaxFailuresPerIp,
    ipWindowSeconds: config.loginIpThrottleWindowSeconds,
    redis,
  });
  const pricingDefaults = {
    markupBps: config.markupBps,
    areaCodeSurchargeCents: config.areaCodeSurchargeCents,
    carrierSurchargeCents: config.carrierSurchargeCents,
  };
  // the pricing in force is read per request (admin settings, overrides, tier discounts): quote = charge = list
  const catalog = new CatalogService(providers, adminPricingSource(db, pricingDefaults));
  verifications = new VerificationService(db, providers, catalog, { ttlMinutes: config.verificationTtlMinutes, currency: config.currency });
  const accounts: AccountService = new AccountService(db, tokens, throttle, ipAllowlist, {
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    currency: config.currency,
    defaultTierId: config.defaultTierId,
  });
  // codes and challenge tokens are hashed with a key derived from (never equal to) the sealing key
  const hashKey = hkdf(config.secretsKey, 'one-time-code-hashing');
  const secondFactors = new SecondFactorService(db, accounts, ipAllowlist, {
    box: new SecretBox(config.secretsKey),
    hashKey,
    issuer: config.totpIssuer,
    sendSms: smsSender ? (to, text) => smsSender.sendSms(to, text) : null,
  });
  const payments = createPayments(deps.payments ?? loadPaymentConfig({}), config.publicUrl);
  const topUps = new TopUpService(db, { currency: config.currency, provider: payments.provider });
  const metrics = new PlatformMetrics(db);
  providers.observe((call) => metrics.observeProviderCall(call));
  const reads = new ReadRouting({
    primary: db,
    replica: deps.replica ?? null,
    maxLagSeconds: config.readReplicaMaxLagSeconds,
    logger,
    onFallback: (reason) => metrics.countReplicaFallback(reason),
  });
  const principals = new PrincipalLookup(db, { cacheTtlMs: config.principalCacheTtlMs });
  const platform = buildPlatformModules({ config, db, redis, logger, tokens, accounts, sms: smsSender, metrics }, deps.modules);
  const services: AppServices = {
    config,
    db,
    databaseDriver: deps.databaseDriver,
    logger,
    spec: deps.spec,
    providers,
    tokens,
    accounts,
    apiKeys: new ApiKeyService(db, config.apiKeyEnvironment, principals),
    principals,
    catalog,
    quotes: new QuoteService(db, catalog),
    wallet: new WalletService(db),
    topUps,
    autoTopUps: new AutoTopUpService(db, topUps),
    payments,
    verifications,
    ipAllowlist,
    secondFactors,
    loginChallenges: new LoginChallengeService(db, accounts, secondFactors, ipAllowlist, hashKey),
    oauth: new OAuthService(db, accounts, tokens, ipAllowlist, { codeTtlSeconds: config.oauthCodeTtlSeconds }),
    sync: new ChangeFeed(db),
    rateLimiter: new RequestRateLimiter(redis),
    startedAt: new Date(),
    platform,
    redis,
    realtimeHub: platform.realtime.hub,
    metrics,
    reads,
  };
  metrics.attach({ realtimeConnections: () => platform.realtime.hub.size, readReplica: () => reads.state() });

  const app = new Hono<AppEnv>();
  app.onError(problemHandler);
  app.notFound(notFoundHandler);
  app.use('*', requestId());
  if (deps.traced) app.use('*', traceRequests());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  if (config.metricsEnabled) app.use('*', recordRequestMetrics(services.metrics));
  app.use('*', requestLogger(logger));
  app.use(
    '*',
    cors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Payment-Signature', 'Stripe-Signature'],
      exposeHeaders: [
        'Request-Id',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'Retry-After',
        'Idempotent-Replayed',
        'Location',
      ],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', authenticate());
  app.use('/v1/*', rateLimit({ anonymousPerMinute: config.anonymousRateLimitPerMinute }));
  // after the rate limiter, so a 413 carries the RateLimit headers like every response
  app.use(
    '*',
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      // the body is left unread, so the connection cannot carry another request: say so, or a pooling client
      // (Node's fetch) sends its next request down a socket the server is about to drop
      onError: () => {
        throw new ApiError('payload_too_large', `The body exceeds ${config.bodyLimitBytes} bytes.`, {
          headers: { Connection: 'close' },
        });
      },
    }),
  );
  app.use('/v1/*', captureServerErrors(), recordApiRequests(), adminRoleGuard());
  const unimplemented = registerSpecRoutes(
    app,
    deps.spec,
    { ...operationHandlers, ...platform.handlers } satisfies OperationHandlers,
    new IdempotencyStore(db),
    new AnonymousRequestSeal(hkdf(config.secretsKey, 'anonymous-idempotent-responses')),
  );
  registerContractDocuments(app, deps.spec);
  registerApiReference(app);
  if (config.metricsEnabled) registerMetricsEndpoint(app, services.metrics, config.metricsToken);
  if (config.sandbox) registerSandboxCheckout(app, services);
  return { app, services, unimplemented };
}
