// The method policy end to end: for random users with random credential sets, every route
// accepts a credential exactly when `stepUp/check` offers it. Every proof below is real (codes
// from the outbox, TOTP from the secret, WebAuthn from a software authenticator, SIWE signed
// with the wallet's key, OAuth through the dev provider with PKCE), so "refused" can only mean
// the policy refused it.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generate, generateSecret } from 'otplib';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { createApp } from './create-reference-server.js';
import { generateRecoveryCode } from './recovery-codes.js';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { createServerContext, type ServerContext } from './server-context.js';
import type { Credential, User } from './users.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import { call, signIn, TestClock, type CallResult } from './test-helpers.js';

const ORIGIN = 'http://localhost:5173';
const REDIRECT = `${ORIGIN}/oauth-callback`;
const SCOPES = ['wallet:export'];

const UserShape = fc.record({
  emails: fc.integer({ min: 0, max: 2 }),
  phones: fc.integer({ min: 0, max: 2 }),
  google: fc.boolean(),
  wallets: fc.integer({ min: 0, max: 2 }),
  totps: fc.integer({ min: 0, max: 2 }),
  passkeys: fc.integer({ min: 0, max: 2 }),
  recoveryCodes: fc.constantFrom('none', 'all used', 'one unused'),
  secondTotpIsDefault: fc.boolean(),
});
type UserShape = typeof UserShape extends fc.Arbitrary<infer T> ? T : never;

/** One attempt to step up with one credential (held or not), start to finish. */
interface Attempt {
  credentialId: string;
  run(): Promise<CallResult>;
}

async function world(shape: UserShape) {
  const clock = new TestClock();
  const ctx: ServerContext = createServerContext({ devMode: true, now: clock.now });
  const server = { app: createApp(ctx), basePath: ctx.basePath };
  const sdk = (path: string) => `sdk/${ctx.environmentId}/${path}`;
  const headers = { origin: ORIGIN };

  const credentials: Credential[] = [];
  for (let i = 0; i < shape.emails; i++) credentials.push({ kind: 'email', id: `email-${i}`, address: `carol${i}@example.com` });
  for (let i = 0; i < shape.phones; i++) {
    credentials.push({ kind: 'phone', id: `phone-${i}`, isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: `202555010${i}` });
  }
  if (shape.google) credentials.push({ kind: 'social', id: 'google', provider: 'google', accountEmail: 'carol@gmail.com' });
  const walletKeys = new Map<string, PrivateKeyAccount>();
  for (let i = 0; i < shape.wallets; i++) {
    const account = privateKeyToAccount(generatePrivateKey());
    walletKeys.set(`wallet-${i}`, account);
    credentials.push({ kind: 'wallet', id: `wallet-${i}`, chain: 'evm', address: account.address });
  }
  for (let i = 0; i < shape.totps; i++) credentials.push({ kind: 'totp', id: `totp-${i}`, secret: generateSecret() });
  const recoveryCodes = shape.recoveryCodes === 'none' ? [] : [generateRecoveryCode(), generateRecoveryCode()];
  const user: User = {
    id: 'carol',
    label: 'Carol',
    credentials,
    signInCredentialId: credentials[0]?.id ?? 'none',
    ...(shape.secondTotpIsDefault && shape.totps === 2 && { defaultMfaCredentialId: 'totp-1' }),
    recoveryCodes: recoveryCodes.map((code, i) => ({
      hash: ctx.hashRecoveryCode(code),
      ...((shape.recoveryCodes === 'all used' || i === 0) && { usedAt: clock.ms }),
    })),
  };
  ctx.demoUsers!.put(user);
  const jwt = await signIn(server, user.id);
  const get = (path: string) => call(server, 'GET', sdk(path), { jwt, headers });
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    call(server, 'POST', sdk(path), { jwt, headers: { ...headers, ...extra }, body });

  // Passkeys are enrolled the way an app would: with a credential:link token (external auth).
  const authenticator = new SoftAuthenticator(ORIGIN);
  for (let i = 0; i < shape.passkeys; i++) {
    const assertion = await call(server, 'POST', 'dev/external-jwt', { body: { userId: user.id, scope: 'credential:link' } });
    const link = (await post('externalAuth/verify', { jwt: assertion.body.jwt })).body.elevatedAccessToken;
    const options = (await get('users/mfa/register/passkey')).body;
    const registered = await post('users/mfa/register/passkey', authenticator.register(options), { [ELEVATED_TOKEN_HEADER]: link });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
  }

  /** Each step's answer; the first refusal ends the attempt (and is what it answers). */
  const steps = async (...fns: (() => Promise<CallResult>)[]): Promise<CallResult> => {
    let last: CallResult | undefined;
    for (const fn of fns) {
      last = await fn();
      if (last.status !== 200) return last;
    }
    return last as CallResult;
  };
  const outboxSize = async () => (await call(server, 'GET', `dev/outbox?userId=${user.id}`)).body.length;

  const codeAttempt = (channel: 'email' | 'sms', credentialId: string, sendBody: object): Attempt => ({
    credentialId,
    run: async () => {
      clock.advance(31); // past the resend cooldown of the previous attempt
      let uuid = '';
      const before = await outboxSize();
      return steps(
        async () => {
          const sent = await post(`${channel}Verifications/create`, sendBody);
          uuid = sent.body.verificationUUID;
          // A refused send sends nothing.
          assert.equal(await outboxSize(), sent.status === 200 ? before + 1 : before);
          return sent;
        },
        async () => {
          const { code } = (await call(server, 'GET', `dev/outbox?userId=${user.id}`)).body[0];
          return post(`${channel}Verifications/verify`, { verificationUUID: uuid, verificationToken: code, requestedScopes: SCOPES });
        },
      );
    },
  });

  const attempts: Attempt[] = [];
  for (const c of credentials.filter((c) => c.kind === 'email')) attempts.push(codeAttempt('email', c.id, { email: c.address }));
  attempts.push(codeAttempt('email', 'not-held-email', { email: 'nobody@example.com' }));
  for (const c of credentials.filter((c) => c.kind === 'phone')) {
    attempts.push(codeAttempt('sms', c.id, { isoCountryCode: c.isoCountryCode, phoneCountryCode: c.phoneCountryCode, phoneNumber: c.phoneNumber }));
  }
  attempts.push(codeAttempt('sms', 'not-held-phone', { isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '2025550999' }));

  for (const id of [...credentials.filter((c) => c.kind === 'totp').map((c) => c.id), 'not-held-totp']) {
    const device = credentials.find((c) => c.id === id);
    attempts.push({
      credentialId: id,
      run: async () => {
        const secret = device?.kind === 'totp' ? device.secret : generateSecret();
        const code = await generate({ secret, epoch: Math.floor(clock.ms / 1000) });
        return post('users/mfa/auth/totp', { id, code, requestedScopes: SCOPES });
      },
    });
  }

  for (const { id } of authenticator.credentials) {
    const credentialId = id.toString('base64url');
    attempts.push({
      credentialId,
      run: async () => {
        let options: unknown;
        return steps(
          async () => {
            const res = await get('users/mfa/auth/passkey');
            options = res.body;
            return res;
          },
          async () => {
            // The authenticator answers for this credential only.
            const only = { ...(options as object), allowCredentials: [{ id: credentialId, type: 'public-key' }] };
            return post('users/mfa/auth/passkey', { ...authenticator.authenticate(only as never), requestedScopes: SCOPES });
          },
        );
      },
    });
  }

  const strangerWallet = privateKeyToAccount(generatePrivateKey());
  for (const [id, account] of [...walletKeys, ['not-held-wallet', strangerWallet] as const]) {
    attempts.push({
      credentialId: id,
      run: async () => {
        let nonce = '';
        return steps(
          async () => {
            const res = await get('nonce');
            nonce = res.body.nonce;
            return res;
          },
          async () => {
            const messageToSign = createSiweMessage({
              address: account.address, chainId: 1, domain: 'localhost:5173', uri: ORIGIN, version: '1', nonce, issuedAt: new Date(clock.ms),
            });
            return post('wallets/verify', {
              messageToSign,
              signedMessage: await account.signMessage({ message: messageToSign }),
              publicWalletAddress: account.address,
              chain: 'EVM',
              walletName: 'Test wallet',
              walletProvider: 'browserExtension',
              requestedScopes: SCOPES,
            });
          },
        );
      },
    });
  }

  attempts.push({
    credentialId: 'google',
    run: async () => {
      const state = randomBytes(32).toString('base64url');
      const verifier = randomBytes(32).toString('base64url');
      let code = '';
      return steps(
        () => post('providers/google/initAuth', { state, redirectUrl: REDIRECT }),
        async () => {
          const form = {
            response_type: 'code', client_id: 'step-up-kit-dev', redirect_uri: REDIRECT, scope: 'openid email', state,
            code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', decision: 'allow',
          };
          const consent = await server.app.request(`${ctx.basePath}/dev/oauth/authorize`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          });
          assert.equal(consent.status, 302, await consent.text());
          code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
          return { status: 200, headers: consent.headers, body: {} };
        },
        () => post('providers/google/verify', { code, state, codeVerifier: verifier, requestedScopes: SCOPES }),
      );
    },
  });

  // Last: spending the one unused recovery code stops the check offering recovery codes.
  attempts.push({
    credentialId: 'recovery-code',
    run: () => post('users/mfa/auth/recovery', { code: recoveryCodes.at(-1) ?? generateRecoveryCode(), requestedScopes: SCOPES }),
  });

  return { check: () => post('stepUp/check', { scope: SCOPES[0] }), attempts };
}

describe('method policy', () => {
  it('a route accepts a credential if and only if the check offers it (random users and credential sets)', async () => {
    await fc.assert(
      fc.asyncProperty(UserShape, async (shape) => {
        const { check, attempts } = await world(shape);
        const answer = await check();
        assert.equal(answer.status, 200);
        const offered = new Set<string>(answer.body.credentials.map((c: { id: string }) => c.id));
        for (const attempt of attempts) {
          const result = await attempt.run();
          const accepted = result.status === 200;
          assert.equal(
            accepted,
            offered.has(attempt.credentialId),
            `${attempt.credentialId}: offered ${[...offered].join(', ') || 'nothing'}, answered ${result.status} ${JSON.stringify(result.body)}`,
          );
          if (accepted) assert.equal(typeof result.body.elevatedAccessToken, 'string');
          else assert.ok([403, 404].includes(result.status), `a refusal, not an error: ${result.status} ${JSON.stringify(result.body)}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});
