import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../src/domain/security/totp.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

const STEP = 30_000;

describe.each(DRIVERS)('security: second factors, IP allowlist, audit log (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { config: { trustProxy: true, loginMaxFailuresPerAccount: 10, loginMaxFailuresPerIp: 1000 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const audit = (userId: string) =>
    server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', userId)
      .orderBy('seq')
      .execute()
      .then((rows) => rows.map((r) => r.action));

  /** Enrols TOTP for a fresh user; returns the user, the secret and the recovery codes. */
  async function withTotp() {
    const user = await server.register();
    const enrol = await server.request('POST', '/v1/security/totp/enrol', { token: user.token });
    expect(enrol.status).toBe(200);
    expect(enrol.headers.get('cache-control')).toBe('no-store');
    expect(enrol.body.otpauth_uri).toContain(`secret=${enrol.body.secret}`);
    const secret: string = enrol.body.secret;
    // the seed is sealed at rest: the secret is nowhere in the row
    const row = await server.database.db
      .selectFrom('second_factors')
      .selectAll()
      .where('user_id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    const wrong = await server.request('POST', '/v1/security/totp/confirm', {
      token: user.token,
      body: { code: totpCodeAt(secret, Date.now() + 10 * STEP) },
    });
    expect(wrong.status).toBe(422);
    const confirmed = await server.request('POST', '/v1/security/totp/confirm', {
      token: user.token,
      body: { code: totpCodeAt(secret, Date.now()) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.codes).toHaveLength(10);
    return { user, secret, recoveryCodes: confirmed.body.codes as string[] };
  }

  const login = (email: string, password: string) => server.request('POST', '/v1/auth/login', { body: { email, password } });

  it('TOTP: enrol, confirm, then login needs a code within ±1 step, each step usable once', async () => {
    const { user, secret } = await withTotp();
    expect((await server.request('GET', '/v1/me', { token: user.token })).body.two_factor).toEqual({ enabled: true, methods: ['totp'] });
    const again = await server.request('POST', '/v1/security/totp/enrol', { token: user.token });
    expect(again.body.code).toBe('second_factor_already_enabled');

    const first = await login(user.email, user.password);
    expect(first.body).toMatchObject({ result: 'second_factor_required', methods: ['totp', 'recovery_code'], sms_phone_hint: null });
    // a code two steps away is outside the window
    const far = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: first.body.challenge_token, method: 'totp', code: totpCodeAt(secret, Date.now() + 2 * STEP) },
    });
    expect(far.status).toBe(401);
    expect(far.body.code).toBe('invalid_second_factor');
    // the next step is accepted (clock drift)...
    const nextStepCode = totpCodeAt(secret, Date.now() + STEP);
    const ok = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: first.body.challenge_token, method: 'totp', code: nextStepCode },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.result).toBe('authenticated');
    expect((await server.request('GET', '/v1/me', { token: ok.body.tokens.access_token })).status).toBe(200);
    // ...once: the challenge is spent, and the same code on a new challenge is a replay
    const spent = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: first.body.challenge_token, method: 'totp', code: nextStepCode },
    });
    expect(spent.body.code).toBe('invalid_second_factor');
    const second = await login(user.email, user.password);
    const replay = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: second.body.challenge_token, method: 'totp', code: nextStepCode },
    });
    expect(replay.status).toBe(401);
    // an earlier step than the last one used is refused too
    const older = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: second.body.challenge_token, method: 'totp', code: totpCodeAt(secret, Date.now()) },
    });
    expect(older.status).toBe(401);
    const method = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: second.body.challenge_token, method: 'sms', code: '123456' },
    });
    expect(method.status).toBe(422);
    expect(await audit(user.userId)).toEqual(
      expect.arrayContaining(['totp.enabled', 'login.second_factor_required', 'login.second_factor_failed', 'login.succeeded']),
    );
  });

  it('concurrent uses of one TOTP code: exactly one succeeds', async () => {
    const { user, secret } = await withTotp();
    const challenges = await Promise.all(Array.from({ length: 5 }, () => login(user.email, user.password)));
    const code = totpCodeAt(secret, Date.now() + STEP);
    const results = await Promise.all(
      challenges.map((c) =>
        server.request('POST', '/v1/auth/login/second-factor', { body: { challenge_token: c.body.challenge_token, method: 'totp', code } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('recovery codes are single use, case-insensitive, and regenerating voids the old set', async () => {
    const { user, recoveryCodes } = await withTotp();
    const challenge = await login(user.email, user.password);
    const used = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: challenge.body.challenge_token, method: 'recovery_code', code: recoveryCodes[0]!.toUpperCase() },
    });
    expect(used.status).toBe(200);
    const next = await login(user.email, user.password);
    const reuse = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: next.body.challenge_token, method: 'recovery_code', code: recoveryCodes[0] },
    });
    expect(reuse.status).toBe(401);
    expect((await server.request('GET', '/v1/security', { token: user.token })).body.recovery_codes_remaining).toBe(9);
    const fresh = await server.request('POST', '/v1/security/recovery-codes', { token: user.token });
    expect(fresh.body.codes).toHaveLength(10);
    const old = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: next.body.challenge_token, method: 'recovery_code', code: recoveryCodes[1] },
    });
    expect(old.status).toBe(401);
    // only hashes are stored
    const stored = await server.database.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.userId).execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(fresh.body.codes[0]);
  });

  it('a challenge dies after 5 wrong codes', async () => {
    const { user, secret } = await withTotp();
    const challenge = await login(user.email, user.password);
    for (let i = 0; i < 5; i++) {
      const bad = await server.request('POST', '/v1/auth/login/second-factor', {
        body: { challenge_token: challenge.body.challenge_token, method: 'totp', code: '000000' },
      });
      expect(bad.status).toBe(401);
    }
    const right = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: challenge.body.challenge_token, method: 'totp', code: totpCodeAt(secret, Date.now() + STEP) },
    });
    expect(right.status).toBe(401);
  });

  it('TOTP disable: a wrong password is 422, the right one disables and drops recovery codes', async () => {
    const { user } = await withTotp();
    const wrong = await server.request('POST', '/v1/security/totp/disable', { token: user.token, body: { password: 'not the password' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('/body/password');
    const off = await server.request('POST', '/v1/security/totp/disable', { token: user.token, body: { password: user.password } });
    expect(off.body).toMatchObject({ totp_enabled: false, recovery_codes_remaining: 0 });
    expect((await login(user.email, user.password)).body.result).toBe('authenticated');
    expect(
      (await server.request('POST', '/v1/security/totp/disable', { token: user.token, body: { password: user.password } })).body.code,
    ).toBe('second_factor_not_enabled');
  });

  it('SMS second factor: the code goes out through the provider layer (the simulator records it)', async () => {
    const user = await server.register();
    const phone = '+447700900123';
    const enable = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: phone },
    });
    expect(enable.status).toBe(200);
    const sent = server.simulator.sentSms.filter((m) => m.to === phone);
    expect(sent).toHaveLength(1);
    const code = /(\d{6})/.exec(sent[0]!.text)![1];
    // at most one code a minute
    const tooSoon = await server.request('POST', '/v1/security/sms-second-factor/enable', {
      token: user.token,
      body: { phone_number: phone },
    });
    expect(tooSoon.status).toBe(429);
    const confirmed = await server.request('POST', '/v1/security/sms-second-factor/confirm', { token: user.token, body: { code } });
    expect(confirmed.body).toMatchObject({ sms_second_factor_enabled: true, sms_phone_hint: '+44******0123' });
    const challenge = await login(user.email, user.password);
    expect(challenge.body.methods).toEqual(['sms']);
    const loginCode = /(\d{6})/.exec(server.simulator.sentSms.filter((m) => m.to === phone).at(-1)!.text)![1];
    const done = await server.request('POST', '/v1/auth/login/second-factor', {
      body: { challenge_token: challenge.body.challenge_token, method: 'sms', code: loginCode },
    });
    expect(done.status).toBe(200);
    const off = await server.request('POST', '/v1/security/sms-second-factor/disable', {
      token: user.token,
      body: { password: user.password },
    });
    expect(off.body.sms_second_factor_enabled).toBe(false);
  });

  it('IP allowlist: IPv4 and IPv6, refuses lock-outs, and is enforced on every request of the account', async () => {
    const user = await server.register();
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const add = (cidr: string, ip: string) =>
      server.request('POST', '/v1/security/ip-allowlist', { token: user.token, body: { cidr, label: 'office' }, headers: from(ip) });
    const lockout = await add('203.0.113.0/24', '198.51.100.7');
    expect(lockout.status).toBe(409);
    expect(lockout.body.code).toBe('ip_allowlist_lockout');
    expect((await add('203.0.113.7/24', '203.0.113.7')).status).toBe(422); // host bits set
    const v4 = await add('203.0.113.0/24', '203.0.113.7');
    expect(v4.status).toBe(201);
    expect((await add('203.0.113.0/24', '203.0.113.7')).status).toBe(422); // duplicate
    const v6 = await add('2001:db8:4f2a::/48', '203.0.113.7');
    expect(v6.status).toBe(201);
    // enforced on tokens, API keys and sign-in
    expect((await server.request('GET', '/v1/me', { token: user.token, headers: from('2001:db8:4f2a::1') })).status).toBe(200);
    const outside = await server.request('GET', '/v1/me', { token: user.token, headers: from('198.51.100.7') });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('ip_not_allowed');
    const key = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'k', scopes: ['wallet:read'] },
      headers: from('203.0.113.9'),
    });
    expect(key.status).toBe(201);
    expect((await server.request('GET', '/v1/wallet', { token: key.body.secret, headers: from('198.51.100.7') })).body.code).toBe(
      'ip_not_allowed',
    );
    expect(
      (
        await server.request('POST', '/v1/auth/login', {
          body: { email: user.email, password: user.password },
          headers: from('198.51.100.7'),
        })
      ).body.code,
    ).toBe('ip_not_allowed');
    // removing the IPv4 entry from an IPv4 address would lock the caller out; from IPv6 it is fine
    const refused = await server.request('DELETE', `/v1/security/ip-allowlist/${v4.body.id}`, {
      token: user.token,
      headers: from('203.0.113.7'),
    });
    expect(refused.body.code).toBe('ip_allowlist_lockout');
    expect(
      (await server.request('DELETE', `/v1/security/ip-allowlist/${v4.body.id}`, { token: user.token, headers: from('2001:db8:4f2a::5') }))
        .status,
    ).toBe(204);
    const list = await server.request('GET', '/v1/security/ip-allowlist', { token: user.token, headers: from('2001:db8:4f2a::5') });
    expect(list.body.data.map((e: any) => e.cidr)).toEqual(['2001:db8:4f2a::/48']);
    expect(await audit(user.userId)).toEqual(expect.arrayContaining(['ip_allowlist.entry_added', 'ip_allowlist.entry_removed']));
  });

  it('the audit log refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const user = await server.register();
    const before = await server.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    await expect(
      server.database.db.updateTable('audit_log').set({ action: 'x.y' }).where('actor_user_id', '=', user.userId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(server.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(server.database.db)).rejects.toThrow(/append-only/);
    const after = await server.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('security routes refuse API keys', async () => {
    const user = await server.register();
    const key = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'k', scopes: ['wallet:read'] } });
    const denied = await server.request('GET', '/v1/security', { token: key.body.secret });
    expect(denied.status).toBe(403);
  });
});
