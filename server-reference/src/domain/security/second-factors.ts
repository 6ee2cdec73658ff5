import type { Kysely, Transaction } from 'kysely';
import type { SecondFactorMethod } from '../../contract/index.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { ApiError, problems } from '../../errors/index.ts';
import { appendAudit, selfActor } from '../audit-log.ts';
import { newId } from '../../storage/ids.ts';
import { verifyPassword } from '../passwords.ts';
import type { ClientInfo, UserRow } from '../principal.ts';
import type { AccountService } from '../accounts.ts';
import type { IpAllowlistService } from './ip-allowlist.ts';
import { OutboundSmsError } from '../ports/outbound-sms-error.ts';
import { keyedHash, newRecoveryCodes, newSixDigitCode, normaliseRecoveryCode, sameHash } from './one-time-codes.ts';
import { matchingTotpStep, newTotpSecret, totpUri } from './totp.ts';

/** Sends a text message through the provider layer (an UpstreamProvider's `sendSms`). */
export type SendSms = (to: string, text: string) => Promise<void>;

export type { SecondFactorMethod };

/** spec/schemas/security-overview.yaml, in camelCase. */
export interface SecurityOverview {
  totpEnabled: boolean;
  smsEnabled: boolean;
  smsPhoneHint: string | null;
  recoveryCodesRemaining: number;
  ipAllowlistEntries: number;
}

const ENROLMENT_TTL_MS = 10 * 60_000;
const MAX_WRONG_CODES = 5;
const SMS_SEND_LIMITS = [
  { windowMs: 60_000, max: 1 },
  { windowMs: 3600_000, max: 5 },
];

/** `+919812345678` -> `+91******5678`. */
const maskPhone = (phone: string): string => `${phone.slice(0, 3)}${'*'.repeat(Math.max(0, phone.length - 7))}${phone.slice(-4)}`;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Second factors of an account: TOTP (RFC 6238, seeds sealed with AES-256-GCM, each 30-second step usable
 * once), SMS codes sent through the provider layer, and single-use recovery codes kept as keyed hashes.
 * Every change is audited in its own transaction.
 */
export class SecondFactorService {
  private readonly db: Kysely<Database>;
  private readonly accounts: AccountService;
  private readonly ipAllowlist: IpAllowlistService;
  private readonly options: { box: SecretBox; hashKey: Buffer; issuer: string; sendSms: SendSms | null };
  constructor(
    db: Kysely<Database>,
    accounts: AccountService,
    ipAllowlist: IpAllowlistService,
    options: { box: SecretBox; hashKey: Buffer; issuer: string; sendSms: SendSms | null },
  ) {
    this.db = db;
    this.accounts = accounts;
    this.ipAllowlist = ipAllowlist;
    this.options = options;
  }

  async overview(userId: string): Promise<SecurityOverview> {
    const row = await this.db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return {
      totpEnabled: Boolean(row?.totp_enabled_at),
      smsEnabled: Boolean(row?.sms_enabled_at),
      smsPhoneHint: row?.sms_phone ? maskPhone(row.sms_phone) : null,
      recoveryCodesRemaining: await this.#recoveryCodesLeft(this.db, userId),
      ipAllowlistEntries: await this.ipAllowlist.count(userId),
    };
  }

  /** The enabled factors (spec/schemas/two-factor-summary.yaml). */
  async enabledMethods(userId: string): Promise<Array<'totp' | 'sms'>> {
    const row = await this.db
      .selectFrom('second_factors')
      .select(['totp_enabled_at', 'sms_enabled_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return [...(row?.totp_enabled_at ? ['totp' as const] : []), ...(row?.sms_enabled_at ? ['sms' as const] : [])];
  }

  /** Starts (or restarts) an authenticator-app enrolment; the secret is returned this once. */
  async enrolTotp(user: UserRow, client: ClientInfo): Promise<{ secret: string; uri: string; expiresAt: Date }> {
    const secret = newTotpSecret();
    const expiresAt = new Date(Date.now() + ENROLMENT_TTL_MS);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (row.totp_enabled_at)
        throw new ApiError(
          'second_factor_already_enabled',
          'An authenticator app is already enabled. Disable it before enrolling another.',
        );
      await trx
        .updateTable('second_factors')
        .set({
          pending_totp_secret_sealed: this.options.box.seal(secret, `totp:${user.id}`),
          pending_totp_expires_at: expiresAt,
          pending_totp_attempts: 0,
          updated_at: new Date(),
        })
        .where('user_id', '=', user.id)
        .execute();
      await appendAudit(trx, { ...selfActor(user, client), action: 'totp.enrolment_started', targetType: 'user', targetId: user.id });
    });
    return { secret, uri: totpUri(secret, this.options.issuer, user.email), expiresAt };
  }

  /** Enables TOTP with a code from the app and issues a fresh set of recovery codes. */
  async confirmTotp(user: UserRow, code: string, client: ClientInfo): Promise<{ codes: string[]; createdAt: Date }> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (row.totp_enabled_at) throw new ApiError('second_factor_already_enabled', 'An authenticator app is already enabled.');
      if (!row.pending_totp_secret_sealed || !row.pending_totp_expires_at || row.pending_totp_expires_at.getTime() <= Date.now()) {
        throw new ApiError(
          'second_factor_enrolment_not_started',
          'No authenticator-app enrolment is pending. Start one with POST /v1/security/totp/enrol.',
        );
      }
      const secret = this.options.box.open(row.pending_totp_secret_sealed, `totp:${user.id}`);
      const step = matchingTotpStep(secret, code);
      if (step === null) {
        const attempts = row.pending_totp_attempts + 1;
        const discard = attempts >= MAX_WRONG_CODES;
        await trx
          .updateTable('second_factors')
          .set(
            discard
              ? { pending_totp_secret_sealed: null, pending_totp_expires_at: null, pending_totp_attempts: 0 }
              : { pending_totp_attempts: attempts },
          )
          .where('user_id', '=', user.id)
          .execute();
        return { ok: false as const, discard };
      }
      await trx
        .updateTable('second_factors')
        .set({
          totp_secret_sealed: this.options.box.seal(secret, `totp:${user.id}`),
          totp_enabled_at: new Date(),
          totp_last_step: step,
          pending_totp_secret_sealed: null,
          pending_totp_expires_at: null,
          pending_totp_attempts: 0,
          updated_at: new Date(),
        })
        .where('user_id', '=', user.id)
        .execute();
      const codes = await this.#replaceRecoveryCodes(trx, user.id);
      await appendAudit(trx, { ...selfActor(user, client), action: 'totp.enabled', targetType: 'user', targetId: user.id });
      return { ok: true as const, codes };
    });
    if (!outcome.ok)
      throw wrongCode(
        '/body/code',
        outcome.discard ? 'too many wrong codes; the enrolment was discarded, start again' : 'does not match the authenticator app',
      );
    return { codes: outcome.codes, createdAt: new Date() };
  }

  /** Turns TOTP off after a current code or the password (wrong passwords count towards the login throttle). */
  async disableTotp(user: UserRow, proof: { code?: string; password?: string }, client: ClientInfo): Promise<void> {
    if (proof.password !== undefined) await this.#checkPassword(user, proof.password, client);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (!row.totp_enabled_at || !row.totp_secret_sealed)
        throw new ApiError('second_factor_not_enabled', 'No authenticator app is enabled on this account.');
      if (proof.code !== undefined && !(await this.#useTotpCode(trx, user.id, row.totp_secret_sealed, proof.code))) {
        throw wrongCode('/body/code', 'does not match the authenticator app (or was already used)');
      }
      await trx
        .updateTable('second_factors')
        .set({ totp_secret_sealed: null, totp_enabled_at: null, updated_at: new Date() })
        .where('user_id', '=', user.id)
        .execute();
      await this.#dropRecoveryCodesIfNoFactorLeft(trx, user.id);
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'totp.disabled',
        targetType: 'user',
        targetId: user.id,
        metadata: { proof: proof.code !== undefined ? 'code' : 'password' },
      });
    });
  }

  /** A new set of 10 recovery codes, replacing every earlier one; needs an enabled factor. */
  async regenerateRecoveryCodes(user: UserRow, client: ClientInfo): Promise<{ codes: string[]; createdAt: Date }> {
    const codes = await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (!row.totp_enabled_at && !row.sms_enabled_at)
        throw new ApiError('second_factor_not_enabled', 'Recovery codes need an enabled second factor.');
      const fresh = await this.#replaceRecoveryCodes(trx, user.id);
      await appendAudit(trx, { ...selfActor(user, client), action: 'recovery_codes.regenerated', targetType: 'user', targetId: user.id });
      return fresh;
    });
    return { codes, createdAt: new Date() };
  }

  /** Sends an enrolment code by SMS (rate-limited) and records the pending enrolment. */
  async enableSms(user: UserRow, phone: string, client: ClientInfo): Promise<{ phone: string; sentAt: Date; expiresAt: Date }> {
    const rented = await this.db.selectFrom('verifications').select('id').where('phone_number', '=', phone).limit(1).executeTakeFirst();
    if (rented)
      throw problems.validation([
        { field: '/body/phone_number', code: 'invalid', message: 'is a rented verification number; use your own phone' },
      ]);
    const code = newSixDigitCode();
    const sentAt = new Date();
    const expiresAt = new Date(sentAt.getTime() + ENROLMENT_TTL_MS);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (row.sms_enabled_at)
        throw new ApiError(
          'second_factor_already_enabled',
          'SMS sign-in codes are already enabled. Disable them before changing the number.',
        );
      await this.#assertSmsBudget(trx, user.id, 'enrolment');
      await trx
        .updateTable('second_factors')
        .set({
          pending_sms_phone: phone,
          pending_sms_code_hash: keyedHash(this.options.hashKey, 'sms-enrolment', code),
          pending_sms_expires_at: expiresAt,
          pending_sms_attempts: 0,
          updated_at: sentAt,
        })
        .where('user_id', '=', user.id)
        .execute();
      await trx.insertInto('second_factor_sms_sends').values({ user_id: user.id, purpose: 'enrolment' }).execute();
      // sent inside the transaction: if the provider fails, nothing is recorded (503), as the spec says
      await this.#send(phone, `Your Namaskah code is ${code}. It expires in 10 minutes.`, '/body/phone_number');
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'sms_second_factor.enrolment_started',
        targetType: 'user',
        targetId: user.id,
        metadata: { phone_hint: maskPhone(phone) },
      });
    });
    return { phone, sentAt, expiresAt };
  }

  async confirmSms(user: UserRow, code: string, client: ClientInfo): Promise<void> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (row.sms_enabled_at) throw new ApiError('second_factor_already_enabled', 'SMS sign-in codes are already enabled.');
      if (
        !row.pending_sms_phone ||
        !row.pending_sms_code_hash ||
        !row.pending_sms_expires_at ||
        row.pending_sms_expires_at.getTime() <= Date.now()
      ) {
        throw new ApiError(
          'second_factor_enrolment_not_started',
          'No SMS enrolment is pending. Start one with POST /v1/security/sms-second-factor/enable.',
        );
      }
      if (!sameHash(row.pending_sms_code_hash, keyedHash(this.options.hashKey, 'sms-enrolment', code))) {
        const attempts = row.pending_sms_attempts + 1;
        const discard = attempts >= MAX_WRONG_CODES;
        await trx
          .updateTable('second_factors')
          .set(
            discard
              ? { pending_sms_phone: null, pending_sms_code_hash: null, pending_sms_expires_at: null, pending_sms_attempts: 0 }
              : { pending_sms_attempts: attempts },
          )
          .where('user_id', '=', user.id)
          .execute();
        return { ok: false as const, discard };
      }
      await trx
        .updateTable('second_factors')
        .set({
          sms_phone: row.pending_sms_phone,
          sms_enabled_at: new Date(),
          pending_sms_phone: null,
          pending_sms_code_hash: null,
          pending_sms_expires_at: null,
          pending_sms_attempts: 0,
          updated_at: new Date(),
        })
        .where('user_id', '=', user.id)
        .execute();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'sms_second_factor.enabled',
        targetType: 'user',
        targetId: user.id,
        metadata: { phone_hint: maskPhone(row.pending_sms_phone) },
      });
      return { ok: true as const };
    });
    if (!outcome.ok)
      throw wrongCode(
        '/body/code',
        outcome.discard ? 'too many wrong codes; the enrolment was discarded, start again' : 'does not match the code sent',
      );
  }

  async disableSms(user: UserRow, password: string, client: ClientInfo): Promise<void> {
    await this.#checkPassword(user, password, client);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#lockRow(trx, user.id);
      if (!row.sms_enabled_at) throw new ApiError('second_factor_not_enabled', 'SMS sign-in codes are not enabled on this account.');
      await trx
        .updateTable('second_factors')
        .set({ sms_phone: null, sms_enabled_at: null, updated_at: new Date() })
        .where('user_id', '=', user.id)
        .execute();
      await this.#dropRecoveryCodesIfNoFactorLeft(trx, user.id);
      await appendAudit(trx, { ...selfActor(user, client), action: 'sms_second_factor.disabled', targetType: 'user', targetId: user.id });
    });
  }

  /**
   * Checks one code of a sign-in challenge: a TOTP code (its step not used before), the SMS code of the
   * challenge, or an unused recovery code (used up here). Runs inside the challenge's transaction.
   */
  async verifyForLogin(
    trx: Transaction<Database>,
    userId: string,
    method: SecondFactorMethod,
    code: string,
    smsCodeHash: string | null,
  ): Promise<boolean> {
    if (method === 'totp') {
      const row = await trx
        .selectFrom('second_factors')
        .select('totp_secret_sealed')
        .where('user_id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      return Boolean(row?.totp_secret_sealed) && /^\d{6}$/.test(code) && this.#useTotpCode(trx, userId, row!.totp_secret_sealed!, code);
    }
    if (method === 'sms') {
      return smsCodeHash !== null && /^\d{6}$/.test(code) && sameHash(smsCodeHash, keyedHash(this.options.hashKey, 'sms-login', code));
    }
    if (!/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/.test(code)) return false;
    const used = await trx
      .updateTable('recovery_codes')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', keyedHash(this.options.hashKey, 'recovery', normaliseRecoveryCode(code)))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return Boolean(used);
  }

  /** The factors a sign-in challenge offers; sends the SMS code when SMS is enabled (and the budget allows). */
  async challengeMethods(
    trx: Transaction<Database>,
    userId: string,
  ): Promise<{ methods: SecondFactorMethod[]; smsCodeHash: string | null; smsPhoneHint: string | null }> {
    const row = await trx.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const methods: SecondFactorMethod[] = [];
    if (row?.totp_enabled_at) methods.push('totp');
    let smsCodeHash: string | null = null;
    if (row?.sms_enabled_at && row.sms_phone && this.options.sendSms && (await this.#smsBudgetLeft(trx, userId, 'login'))) {
      const code = newSixDigitCode();
      // a number that can no longer receive (opted out, disconnected) drops SMS from the methods offered
      if (!(await this.#sendUnlessRefused(row.sms_phone, `Your Namaskah sign-in code is ${code}. It expires in 5 minutes.`)))
        return this.#methodsWithoutSms(trx, userId, methods);
      await trx.insertInto('second_factor_sms_sends').values({ user_id: userId, purpose: 'login' }).execute();
      smsCodeHash = keyedHash(this.options.hashKey, 'sms-login', code);
      methods.push('sms');
    }
    if ((await this.#recoveryCodesLeft(trx, userId)) > 0) methods.push('recovery_code');
    return { methods, smsCodeHash, smsPhoneHint: smsCodeHash && row?.sms_phone ? maskPhone(row.sms_phone) : null };
  }

  async #useTotpCode(trx: Transaction<Database>, userId: string, sealed: string, code: string): Promise<boolean> {
    const step = matchingTotpStep(this.options.box.open(sealed, `totp:${userId}`), code);
    if (step === null) return false;
    // the replay guard: only a step later than the last one used, claimed by one conditional UPDATE
    const claimed = await trx
      .updateTable('second_factors')
      .set({ totp_last_step: step })
      .where('user_id', '=', userId)
      .where('totp_last_step', '<', step)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async #checkPassword(user: UserRow, password: string, client: ClientInfo): Promise<void> {
    await this.accounts.checkThrottle(user.email, client.ip);
    const current = await this.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(password, current.password_hash))) {
      await this.accounts.recordFailedSecondFactor(user.email, client.ip);
      throw wrongCode('/body/password', 'is not the account password');
    }
  }

  async #lockRow(trx: Transaction<Database>, userId: string) {
    await trx
      .insertInto('second_factors')
      .values({
        user_id: userId,
        totp_secret_sealed: null,
        totp_enabled_at: null,
        pending_totp_secret_sealed: null,
        pending_totp_expires_at: null,
        sms_phone: null,
        sms_enabled_at: null,
        pending_sms_phone: null,
        pending_sms_code_hash: null,
        pending_sms_expires_at: null,
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return trx.selectFrom('second_factors').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
  }

  async #replaceRecoveryCodes(trx: Transaction<Database>, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(
        codes.map((code) => ({
          id: newId('rcv'),
          user_id: userId,
          code_hash: keyedHash(this.options.hashKey, 'recovery', code),
          used_at: null,
        })),
      )
      .execute();
    return codes;
  }

  async #dropRecoveryCodesIfNoFactorLeft(trx: Transaction<Database>, userId: string): Promise<void> {
    const row = await trx
      .selectFrom('second_factors')
      .select(['totp_enabled_at', 'sms_enabled_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (!row.totp_enabled_at && !row.sms_enabled_at) await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  }

  async #recoveryCodesLeft(db: Db, userId: string): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async #smsBudgetLeft(db: Db, userId: string, purpose: 'enrolment' | 'login'): Promise<boolean> {
    return this.#assertSmsBudget(db, userId, purpose).then(
      () => true,
      () => false,
    );
  }

  async #assertSmsBudget(db: Db, userId: string, purpose: 'enrolment' | 'login'): Promise<void> {
    for (const limit of SMS_SEND_LIMITS) {
      const sends = await db
        .selectFrom('second_factor_sms_sends')
        .select('sent_at')
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('sent_at', '>', new Date(Date.now() - limit.windowMs))
        .orderBy('sent_at')
        .execute();
      if (sends.length >= limit.max) {
        const retryAfter = Math.max(1, Math.ceil((sends[0]!.sent_at.getTime() + limit.windowMs - Date.now()) / 1000));
        throw new ApiError('rate_limited', `Too many codes sent; try again in ${retryAfter} seconds.`, {
          retryAfter,
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    }
  }

  async #methodsWithoutSms(trx: Transaction<Database>, userId: string, methods: SecondFactorMethod[]) {
    if ((await this.#recoveryCodesLeft(trx, userId)) > 0) methods.push('recovery_code');
    return { methods, smsCodeHash: null, smsPhoneHint: null };
  }

  /** Sends a sign-in code; false when the gateway refused the number for good (the other failures throw 503). */
  async #sendUnlessRefused(phone: string, text: string): Promise<boolean> {
    try {
      await this.#send(phone, text, null);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') return false;
      throw error;
    }
  }

  /**
   * Sends one SMS. A recipient the gateway refuses for good (invalid, not a mobile, opted out) is a 422 on
   * `field` (a validation problem without a field when there is none); anything else is a 503 with the
   * gateway's `Retry-After` when it gave one.
   */
  async #send(phone: string, text: string, field: string | null): Promise<void> {
    if (!this.options.sendSms)
      throw new ApiError('provider_unavailable', 'No configured provider can send SMS.', { headers: { 'Retry-After': '60' } });
    try {
      await this.options.sendSms(phone, text);
    } catch (error) {
      if (error instanceof OutboundSmsError && error.permanent) {
        const message =
          error.failure === 'recipient_opted_out'
            ? 'has opted out of our text messages (replied STOP); reply START from it first'
            : 'cannot receive text messages';
        throw problems.validation([{ field: field ?? '/body', code: 'invalid', message }]);
      }
      const retryAfter =
        error instanceof OutboundSmsError && error.retryAfterSeconds !== null ? Math.max(1, Math.ceil(error.retryAfterSeconds)) : 30;
      throw new ApiError('provider_unavailable', 'The SMS could not be sent; try again later.', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }
}

/** 422 with one field error: how the spec reports a wrong code or password in these flows. */
const wrongCode = (field: string, message: string) => problems.validation([{ field, code: 'invalid', message }]);
