import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import { ApiError, problems } from '../../errors/index.ts';
import type { AccountService, IssuedTokens } from '../accounts.ts';
import { appendAudit, selfActor } from '../audit-log.ts';
import type { ClientInfo, UserRow } from '../principal.ts';
import { randomString } from '../secrets.ts';
import type { IpAllowlistService } from './ip-allowlist.ts';
import { keyedHash } from './one-time-codes.ts';
import type { SecondFactorMethod, SecondFactorService } from './second-factors.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const MAX_WRONG_CODES = 5;

/** What `logIn` answers when the account has a second factor (spec/schemas/login-second-factor-required.yaml). */
export interface IssuedChallenge {
  token: string;
  methods: SecondFactorMethod[];
  smsPhoneHint: string | null;
  expiresAt: Date;
}

/**
 * The second step of a sign-in: a single-use challenge (5 minutes, 5 wrong codes) issued after the
 * password, completed with a TOTP, SMS or recovery code. The challenge row is locked while a code is
 * checked, so two concurrent attempts cannot both succeed; wrong codes count towards the login throttle.
 */
export class LoginChallengeService {
  private readonly db: Kysely<Database>;
  private readonly accounts: AccountService;
  private readonly factors: SecondFactorService;
  private readonly ipAllowlist: IpAllowlistService;
  private readonly hashKey: Buffer;
  constructor(
    db: Kysely<Database>,
    accounts: AccountService,
    factors: SecondFactorService,
    ipAllowlist: IpAllowlistService,
    hashKey: Buffer,
  ) {
    this.db = db;
    this.accounts = accounts;
    this.factors = factors;
    this.ipAllowlist = ipAllowlist;
    this.hashKey = hashKey;
  }

  /** Null when the account has no second factor (sign in at once), else a challenge (SMS code sent). */
  async issue(user: UserRow, client: ClientInfo): Promise<IssuedChallenge | null> {
    if ((await this.factors.enabledMethods(user.id)).length === 0) return null;
    const token = randomString(43);
    const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
    return this.db.transaction().execute(async (trx) => {
      const { methods, smsCodeHash, smsPhoneHint } = await this.factors.challengeMethods(trx, user.id);
      await trx
        .insertInto('login_challenges')
        .values({
          token_hash: keyedHash(this.hashKey, 'login-challenge', token),
          user_id: user.id,
          methods: JSON.stringify(methods),
          sms_code_hash: smsCodeHash,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'login.second_factor_required',
        targetType: 'user',
        targetId: user.id,
        metadata: { methods },
      });
      return { token, methods, smsPhoneHint, expiresAt };
    });
  }

  /** Checks the code and opens the session; 401 `invalid_second_factor` for anything wrong. */
  async complete(
    token: string,
    method: SecondFactorMethod,
    code: string,
    client: ClientInfo,
  ): Promise<{ user: UserRow; tokens: IssuedTokens }> {
    const tokenHash = keyedHash(this.hashKey, 'login-challenge', token);
    const peek = await this.db
      .selectFrom('login_challenges')
      .innerJoin('users', 'users.id', 'login_challenges.user_id')
      .select(['users.email'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    await this.accounts.checkThrottle(peek?.email ?? `challenge:${tokenHash}`, client.ip);
    const outcome = await this.db.transaction().execute(async (trx) => {
      const challenge = await trx
        .selectFrom('login_challenges')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
      if (!challenge || challenge.used_at || challenge.expires_at.getTime() <= Date.now() || challenge.attempts >= MAX_WRONG_CODES) {
        return { kind: 'void' } as const;
      }
      if (!challenge.methods.includes(method)) return { kind: 'method' as const, methods: challenge.methods };
      const user = await trx.selectFrom('users').selectAll().where('id', '=', challenge.user_id).executeTakeFirstOrThrow();
      if (!(await this.factors.verifyForLogin(trx, user.id, method, code, challenge.sms_code_hash))) {
        await trx
          .updateTable('login_challenges')
          .set({ attempts: challenge.attempts + 1 })
          .where('token_hash', '=', tokenHash)
          .execute();
        await appendAudit(trx, {
          ...selfActor(user, client),
          action: 'login.second_factor_failed',
          targetType: 'user',
          targetId: user.id,
          metadata: { method },
        });
        return { kind: 'wrong' as const, user, left: MAX_WRONG_CODES - challenge.attempts - 1 };
      }
      await trx.updateTable('login_challenges').set({ used_at: new Date() }).where('token_hash', '=', tokenHash).execute();
      return { kind: 'ok' as const, user };
    });
    if (outcome.kind === 'void') {
      await this.accounts.recordFailedSecondFactor(peek?.email ?? `challenge:${tokenHash}`, client.ip);
      throw new ApiError(
        'invalid_second_factor',
        'This challenge is unknown, expired, used or exhausted; sign in again with your password.',
      );
    }
    if (outcome.kind === 'method') {
      throw problems.validation([{ field: '/body/method', code: 'invalid', message: `must be one of ${outcome.methods.join(', ')}` }]);
    }
    if (outcome.kind === 'wrong') {
      await this.accounts.recordFailedSecondFactor(outcome.user.email, client.ip);
      throw new ApiError(
        'invalid_second_factor',
        `The code is not valid for this challenge. ${Math.max(0, outcome.left)} attempts remain.`,
      );
    }
    const user = outcome.user;
    if (user.status === 'suspended') throw new ApiError('account_suspended', 'This account is suspended.');
    await this.ipAllowlist.assertAllowed(user.id, client.ip);
    const tokens = await this.accounts.openSession(user, client, { second_factor: method });
    return { user, tokens };
  }
}
