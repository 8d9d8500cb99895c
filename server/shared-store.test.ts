// Shared state on a real Redis (started by the test on a free loopback port): the store
// contract on both implementations, two reference-server instances that share one Redis, a
// restart with the same key, and a Redis that goes down.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { SignJWT, type JWK } from 'jose';
import { createClient } from 'redis';
import { generate } from 'otplib';
import { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
import type { ReferenceServerOptions } from './server-context.js';
import { createRedisStore } from './stores/redis-store.js';
import { createMemoryStore, type StepUpStore } from './stores/step-up-store.js';
import { startRedis, type RedisServer } from './test-support/redis-server.js';
import { assertError, call, elevatedTokenFor, sdk, signIn, START_MS, TEST_SIGNING_KEY } from './test-helpers.js';

let redis: RedisServer;
before(async () => {
  redis = await startRedis();
});
after(async () => {
  await redis.stop();
});

/**
 * Polls `condition` until it holds: waits on what the store says (a key expiring), not on a
 * clock. Fails after very many tries instead of hanging when the key never expires.
 */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 100_000; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`never happened: ${what}`);
}

const stores: Array<[string, () => Promise<StepUpStore>]> = [
  ['memory', async () => createMemoryStore()],
  ['Redis', () => createRedisStore({ url: redis.url, prefix: `test-${Math.random().toString(36).slice(2)}:` })],
];

for (const [name, make] of stores) {
  describe(`StepUpStore contract: ${name}`, () => {
    /** A fresh store for one test, closed after it whatever happens. */
    const withStore = async (run: (store: StepUpStore) => Promise<void>) => {
      const store = await make();
      try {
        await run(store);
      } finally {
        await store.close();
      }
    };

    it('takes a key once, until its time is up', () =>
      withStore(async (store) => {
        const until = Date.now() + 60_000;
        assert.equal(await store.setOnce('a', until), true);
        assert.equal(await store.setOnce('a', until), false);
        assert.equal(await store.setOnce('b', until, 'with a value'), true, 'other keys are free');
        assert.equal(await store.get('b'), 'with a value');
        assert.equal(await store.setOnce('b', until, 'another'), false);
        assert.equal(await store.get('b'), 'with a value', 'a refused setOnce changes nothing');
        assert.equal(await store.setOnce('short', Date.now() + 1), true);
        // Free again once its time is up: wait for what the store says, not for a clock.
        await eventually(() => store.setOnce('short', Date.now() + 60_000), 'the short key expires');
      }));

    it('keeps a value until its time is up, replaces it, and takes it exactly once', () =>
      withStore(async (store) => {
        const until = Date.now() + 60_000;
        assert.equal(await store.get('v'), undefined);
        await store.put('v', 'first', until);
        await store.put('v', 'second', until);
        assert.equal(await store.get('v'), 'second');
        const taken = await Promise.all(Array.from({ length: 20 }, () => store.take('v')));
        assert.deepEqual(taken.filter((t) => t !== undefined), ['second'], 'one caller gets it');
        assert.equal(await store.get('v'), undefined);
        await store.put('gone', 'x', Date.now() + 60_000);
        await store.delete('gone');
        assert.equal(await store.get('gone'), undefined);
        await store.put('brief', 'x', Date.now() + 1);
        await eventually(async () => (await store.get('brief')) === undefined, 'the brief value expires');
      }));

    it('counts concurrent increments exactly, in a window that starts at the first', () =>
      withStore(async (store) => {
        const counts = await Promise.all(Array.from({ length: 30 }, () => store.increment('n', Date.now() + 60_000)));
        assert.deepEqual(counts.sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 1));
        // A later increment does not move the window: a count started with a short life ends with it.
        await store.increment('short', Date.now() + 1);
        await eventually(async () => (await store.increment('short', Date.now() + 60_000)) === 1, 'the count ends with its first window');
      }));

    it('keeps the newest values of a list, newest first, including under concurrent pushes', () =>
      withStore(async (store) => {
        assert.deepEqual(await store.list('l'), []);
        await store.pushToList('l', 'one', Date.now() + 60_000, 3);
        await store.pushToList('l', 'two', Date.now() + 60_000, 3);
        assert.deepEqual(await store.list('l'), ['two', 'one']);
        await Promise.all(['a', 'b', 'c', 'd'].map((v) => store.pushToList('l', v, Date.now() + 60_000, 3)));
        const kept = await store.list('l');
        assert.equal(kept.length, 3, 'capped at its newest 3');
        assert.ok(kept.every((v) => ['a', 'b', 'c', 'd'].includes(v)), 'the older values fell off');
        await store.pushToList('brief', 'x', Date.now() + 1, 3);
        await eventually(async () => (await store.list('brief')).length === 0, 'the brief list expires');
      }));

    it('hands out a list as a copy: changing it changes nothing stored', () =>
      withStore(async (store) => {
        await store.pushToList('copied', 'one', Date.now() + 60_000, 3);
        const listed = await store.list('copied');
        listed.push('mine');
        listed[0] = 'changed';
        assert.deepEqual(await store.list('copied'), ['one']);
      }));

    // The memory store packs these (the spent ids of elevated tokens) apart from its map.
    it('a key ending in a UUID, taken with no value, reads, counts and gives way like any other', () =>
      withStore(async (store) => {
        const until = Date.now() + 60_000;
        const key = `elevated:${randomUUID()}`;
        assert.equal(await store.get(key), undefined);
        assert.equal(await store.setOnce(key, until), true);
        assert.equal(await store.setOnce(key, until), false);
        assert.equal(await store.setOnce(key, until, 'a value'), false);
        assert.equal(await store.get(key), '1');
        assert.equal(await store.increment(key, until), 2, 'counted on from its 1');
        assert.equal(await store.take(key), '2');
        assert.equal(await store.setOnce(key, until), true, 'free again once taken');
        await store.put(key, 'replaced', until);
        assert.equal(await store.get(key), 'replaced');
        await store.delete(key);
        assert.equal(await store.setOnce(key, until), true, 'free again once deleted');
        await store.delete(key);
        assert.equal(await store.get(key), undefined);
        const brief = `elevated:${randomUUID()}`;
        assert.equal(await store.setOnce(brief, Date.now() + 1), true);
        await eventually(() => store.setOnce(brief, Date.now() + 60_000), 'the brief id expires');
        assert.equal(await store.setOnce(brief, Date.now() + 60_000), false);
      }));

    it('gives a key to exactly one of 50 concurrent callers', () =>
      withStore(async (store) => {
        const until = Date.now() + 60_000;
        const results = await Promise.all(Array.from({ length: 50 }, () => store.setOnce('race', until)));
        assert.equal(results.filter(Boolean).length, 1);
      }));
  });
}

/**
 * A store that says which keys it holds, by the part of their name after the reset generation
 * (`verification:<uuid>`): Redis as it is (KEYS under the prefix); memory through the writes and
 * deletes the server made (its clock is fixed, so nothing expires meanwhile).
 */
const observedStores: Array<[string, () => Promise<{ store: StepUpStore; keysWith(part: string): Promise<string[]>; close(): Promise<void> }>]> = [
  [
    'memory',
    async () => {
      const inner = createMemoryStore();
      const held = new Set<string>();
      const store: StepUpStore = {
        setOnce: async (key, untilMs, value) => {
          const took = await inner.setOnce(key, untilMs, value);
          if (took) held.add(key);
          return took;
        },
        put: async (key, value, untilMs) => {
          await inner.put(key, value, untilMs);
          held.add(key);
        },
        get: (key) => inner.get(key),
        take: async (key) => {
          held.delete(key);
          return inner.take(key);
        },
        increment: async (key, untilMs) => {
          const count = await inner.increment(key, untilMs);
          held.add(key);
          return count;
        },
        delete: async (key) => {
          held.delete(key);
          await inner.delete(key);
        },
        pushToList: async (key, value, untilMs, keep) => {
          await inner.pushToList(key, value, untilMs, keep);
          held.add(key);
        },
        list: (key) => inner.list(key),
        close: () => inner.close(),
      };
      const keysWith = async (part: string) => [...held].filter((k) => k.includes(part)).map((k) => k.replace(/^g\d+:/, ''));
      return { store, keysWith, close: async () => {} };
    },
  ],
  [
    'Redis',
    async () => {
      const prefix = `spent-${Math.random().toString(36).slice(2)}:`;
      const store = await createRedisStore({ url: redis.url, prefix });
      const client = createClient({ url: redis.url });
      await client.connect();
      const keysWith = async (part: string) =>
        (await client.keys(`${prefix}*${part}*`)).map((k) => k.slice(prefix.length).replace(/^g\d+:/, ''));
      return { store, keysWith, close: () => client.close() };
    },
  ],
];

for (const [name, make] of observedStores) {
  describe(`a spent email code leaves nothing of its own, only a word in the newest-request pointer: ${name}`, () => {
    /** A dev server on the store, its clock fixed (nothing expires during a test), and bob signed in. */
    const withBob = async (
      run: (t: { server: ReferenceServer; jwt: string; keysWith(part: string): Promise<string[]>; get(key: string): Promise<string | undefined> }) => Promise<void>,
    ) => {
      const observed = await make();
      const server = createReferenceServer({ devMode: true, signingKey: TEST_SIGNING_KEY, store: observed.store, now: () => START_MS });
      try {
        await run({ server, jwt: await signIn(server, 'bob'), keysWith: observed.keysWith, get: (key) => observed.store.get(`g0:${key}`) });
      } finally {
        await server.close();
        await observed.close();
      }
    };
    const send = async (server: ReferenceServer, jwt: string) => {
      const sent = await call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt, body: { email: 'bob@example.com' } });
      assert.equal(sent.status, 200);
      const [{ code }] = (await call(server, 'GET', 'dev/outbox?userId=bob')).body;
      return { uuid: sent.body.verificationUUID as string, code: code as string, wrong: code === '000000' ? '111111' : '000000' };
    };
    const verify = (server: ReferenceServer, jwt: string, uuid: string, code: string) =>
      call(server, 'POST', sdk(server, 'emailVerifications/verify'), {
        jwt,
        body: { verificationUUID: uuid, verificationToken: code, requestedScopes: ['wallet:export'] },
      });

    it('a verified code: its request and attempt count are gone, the pointer says verified, and replays are refused without writing', () =>
      withBob(async ({ server, jwt, keysWith, get }) => {
        const { uuid, code, wrong } = await send(server, jwt);
        assertError(await verify(server, jwt, uuid, wrong), 422, 'wrong_email_verification_token');
        assert.deepEqual((await keysWith(uuid)).sort(), [`verification-attempts:${uuid}`, `verification:${uuid}`]);
        assert.equal(await get('verification-latest:email:bob'), uuid);
        assert.equal((await verify(server, jwt, uuid, code)).status, 200);
        assert.deepEqual(await keysWith(uuid), []);
        assert.equal(await get('verification-latest:email:bob'), `${uuid} verified`);
        assertError(await verify(server, jwt, uuid, code), 409, 'already_used');
        assertError(await verify(server, jwt, uuid, wrong), 409, 'already_used');
        assert.deepEqual(await keysWith(uuid), [], 'a replay writes nothing');
        assert.equal(await get('verification-latest:email:bob'), `${uuid} verified`);
        // Another user, or the other channel, is not told the code exists.
        const carol = await signIn(server, (await call(server, 'POST', 'dev/users', { body: {} })).body.id);
        assertError(await verify(server, carol, uuid, code), 422, 'invalid_email_verification');
        const sms = await call(server, 'POST', sdk(server, 'smsVerifications/verify'), {
          jwt,
          body: { verificationUUID: uuid, verificationToken: code, requestedScopes: ['wallet:export'] },
        });
        assertError(sms, 422, 'invalid_sms_verification');
        // Spent, it ended the resend cooldown as before; the new code makes the old one invalid.
        const next = await send(server, jwt);
        assertError(await verify(server, jwt, uuid, code), 422, 'invalid_email_verification');
        assert.equal((await verify(server, jwt, next.uuid, next.code)).status, 200);
      }));

    it('a code out of attempts: nothing of it is left but the pointer, the right code is refused as too many, and a new code goes out at once', () =>
      withBob(async ({ server, jwt, keysWith, get }) => {
        const { uuid, code, wrong } = await send(server, jwt);
        for (let i = 0; i < 4; i++) assertError(await verify(server, jwt, uuid, wrong), 422, 'wrong_email_verification_token');
        assertError(await verify(server, jwt, uuid, wrong), 429, 'too_many_email_verification_attempts');
        assert.deepEqual(await keysWith(uuid), []);
        assert.equal(await get('verification-latest:email:bob'), `${uuid} no-attempts-left`);
        const right = await verify(server, jwt, uuid, code);
        assertError(right, 429, 'too_many_email_verification_attempts');
        assert.equal(right.body.payload.attemptsRemaining, 0);
        assert.deepEqual(await keysWith(uuid), [], 'no count starts again');
        assert.equal((await send(server, jwt)).uuid.length, 36, 'no resend cooldown once no attempt is left');
      }));

    it('the right code 5 times at once (the attempts a code has): one step-up, the others told it was already used', () =>
      withBob(async ({ server, jwt, keysWith }) => {
        const { uuid, code } = await send(server, jwt);
        const results = await Promise.all(Array.from({ length: 5 }, () => verify(server, jwt, uuid, code)));
        assert.equal(results.filter((r) => r.status === 200).length, 1);
        for (const r of results.filter((r) => r.status !== 200)) assertError(r, 409, 'already_used');
        assert.ok(!(await keysWith(uuid)).includes(`verification:${uuid}`));
      }));

    it('10 guesses at once and the right code among them: at most 5 are compared, and the request is gone', () =>
      withBob(async ({ server, jwt, keysWith }) => {
        const { uuid, code, wrong } = await send(server, jwt);
        const codes = [...Array<string>(9).fill(wrong), code];
        const results = await Promise.all(codes.map((c) => verify(server, jwt, uuid, c)));
        const compared = results.filter((r) => r.status === 200 || r.body.code === 'wrong_email_verification_token');
        assert.ok(compared.length <= 5, `${compared.length} compared`);
        assert.ok(results.filter((r) => r.status === 200).length <= 1);
        assert.ok(results.every((r) => [200, 409, 422, 429].includes(r.status)));
        // A guess counted after the count was deleted may leave a count behind; the request is gone for good.
        assert.ok(!(await keysWith(uuid)).includes(`verification:${uuid}`));
      }));
  });
}

/** A reference-server instance with the shared key and `store`: what each process of a deployment runs. */
async function instance(store: StepUpStore): Promise<ReferenceServer> {
  return createReferenceServer({ devMode: true, signingKey: TEST_SIGNING_KEY, store });
}

/**
 * Two instances sharing one Redis (a prefix of their own), handed to `run` and closed after it:
 * a deployment of two processes behind a load balancer.
 */
async function withTwoInstances(run: (a: ReferenceServer, b: ReferenceServer) => Promise<void>, options: ReferenceServerOptions = {}): Promise<void> {
  const prefix = `pair-${Math.random().toString(36).slice(2)}:`;
  const make = async () => createReferenceServer({ devMode: true, signingKey: TEST_SIGNING_KEY, ...options, store: await createRedisStore({ url: redis.url, prefix }) });
  const [a, b] = [await make(), await make()];
  try {
    await run(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}

const exportWith = async (server: ReferenceServer, token: string) =>
  call(server, 'POST', 'protected/wallet/export', { jwt: await signIn(server, 'bob'), headers: { [ELEVATED_TOKEN_HEADER]: token } });

describe('two instances sharing one Redis', () => {
  it('50 parallel uses of one single-use token spread over both: exactly one is accepted', async () => {
    await withTwoInstances(async (a, b) => {
      const token = await elevatedTokenFor(a, 'bob', 'wallet:export');
      const [jwtA, jwtB] = [await signIn(a, 'bob'), await signIn(b, 'bob')];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const [server, jwt] = i % 2 === 0 ? [a, jwtA] : [b, jwtB];
          return call(server, 'POST', 'protected/wallet/export', { jwt, headers: { [ELEVATED_TOKEN_HEADER]: token } });
        }),
      );
      assert.equal(results.filter((r) => r.status === 200).length, 1);
      assert.ok(results.every((r) => r.status === 200 || (r.status === 401 && r.body.payload.reason === 'used')));
    });
  });

  it('an external assertion accepted by one is refused by the other', async () => {
    // The app's backend, trusted by both instances, signs one assertion.
    const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const externalAuth = { jwks: { keys: [{ ...(issuer.publicKey.export({ format: 'jwk' }) as JWK), kid: 'app', alg: 'ES256' }] }, issuer: 'app-backend' };
    await withTwoInstances(async (a, b) => {
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ scope: 'wallet:sign' })
        .setProtectedHeader({ alg: 'ES256', kid: 'app' })
        .setIssuer('app-backend')
        .setSubject('bob')
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + 120)
        .sign(issuer.privateKey);
      const trade = async (server: ReferenceServer) =>
        call(server, 'POST', sdk(server, 'externalAuth/verify'), { jwt: await signIn(server, 'bob'), body: { jwt: assertion } });
      assert.equal((await trade(a)).status, 200);
      assertError(await trade(b), 409, 'external_jwt_replayed');
    }, { externalAuth });
  });
});

describe('MFA guesses on two instances sharing one Redis', () => {
  it('count together: 3 wrong codes on one and 2 on the other lock alice on both', async () => {
    await withTwoInstances(async (a, b) => {
      const guess = async (server: ReferenceServer) =>
        call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt: await signIn(server, 'alice'), body: { code: '000000', requestedScopes: ['wallet:sign'] } });
      for (const server of [a, a, a, b]) assert.equal((await guess(server)).status, 422);
      assertError(await guess(b), 429, 'mfa_rate_limited');
      assertError(await guess(a), 429, 'mfa_rate_limited');
    });
  });

  it('a burst of 19 wrong guesses and the right code last: 5 are checked, the rest — the right one too — refused unchecked', async () => {
    const server = await instance(await createRedisStore({ url: redis.url, prefix: `burst-${Math.random().toString(36).slice(2)}:` }));
    try {
      const jwt = await signIn(server, 'alice');
      const { totpSecret } = (await call(server, 'GET', 'dev/users/alice/secrets')).body;
      const right = await generate({ secret: totpSecret });
      const codes = [...Array<string>(19).fill(right === '000000' ? '111111' : '000000'), right];
      const results = await Promise.all(
        codes.map((code) => call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt, body: { code, requestedScopes: ['wallet:sign'] } })),
      );
      assert.equal(results.filter((r) => r.status === 200).length, 0, 'the right code came after the limit');
      assert.equal(results.filter((r) => r.status === 422).length, 4);
      assert.equal(results.filter((r) => r.status === 429).length, 16);
    } finally {
      await server.close();
    }
  });
});

describe('email codes on two instances sharing one Redis', () => {
  it('a code sent through one verifies through the other, once; the resend cooldown holds on both', async () => {
    await withTwoInstances(async (a, b) => {
      const [jwtA, jwtB] = [await signIn(a, 'bob'), await signIn(b, 'bob')];
      const sent = await call(a, 'POST', sdk(a, 'emailVerifications/create'), { jwt: jwtA, body: { email: 'bob@example.com' } });
      assert.equal(sent.status, 200);
      assertError(await call(b, 'POST', sdk(b, 'emailVerifications/create'), { jwt: jwtB, body: { email: 'bob@example.com' } }), 429, 'rate_limited');
      // The dev outbox is shared too: the code sent through one is read through the other.
      const [{ code }] = (await call(b, 'GET', 'dev/outbox?userId=bob')).body;
      assert.deepEqual((await call(a, 'GET', 'dev/outbox')).body.map((m: { code: string }) => m.code), [code]);
      const verify = (server: ReferenceServer, jwt: string) =>
        call(server, 'POST', sdk(server, 'emailVerifications/verify'), {
          jwt,
          body: { verificationUUID: sent.body.verificationUUID, verificationToken: code, requestedScopes: ['wallet:sign'] },
        });
      // The right code at the same moment on both instances: one step-up.
      const both = await Promise.all([verify(b, jwtB), verify(a, jwtA)]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
    });
  });
});

describe('sessions, TOTP codes and social re-logins on two instances sharing one Redis', () => {
  it('the dev clock stays put: Redis expires keys on real time, which a moved clock would contradict', async () => {
    await withTwoInstances(async (a) => {
        const moved = await call(a, 'POST', 'dev/clock', { body: { advanceSeconds: 31 } });
        assert.equal(moved.status, 409);
        assert.match(moved.body.error, /cannot be moved while short-lived state is kept in a shared store/);
    });
  });

  it('a dev reset is refused: one instance cannot start a new generation for all, nor keep it past a restart', async () => {
    await withTwoInstances(async (a) => {
      const jwt = await signIn(a, 'bob');
      const reset = await call(a, 'POST', 'dev/reset', { body: {} });
      assert.equal(reset.status, 409);
      assert.match(reset.body.error, /cannot be reset while short-lived state is kept in a shared store/);
      assert.throws(() => a.reset(), /cannot be reset while short-lived state is kept in a shared store/);
      // nothing moved: a reset would have rotated the session key
      assert.equal((await call(a, 'POST', sdk(a, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } })).status, 200);
    });
  });

  it('a session issued by one is honoured by the other (the same signing key)', async () => {
    await withTwoInstances(async (a, b) => {
        const jwt = await signIn(a, 'bob');
        const check = await call(b, 'POST', sdk(b, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } });
        assert.equal(check.status, 200);
        assert.equal(check.body.isRequired, true);
    });
  });

  it('one TOTP code given to both at the same moment: one step-up, the other is told it was used', async () => {
    await withTwoInstances(async (a, b) => {
        const jwt = await signIn(a, 'alice');
        const { totpSecret } = (await call(a, 'GET', 'dev/users/alice/secrets')).body;
        const code = await generate({ secret: totpSecret });
        const use = (server: ReferenceServer) => call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt, body: { code, requestedScopes: ['wallet:sign'] } });
        const both = await Promise.all([use(a), use(b)]);
        assert.deepEqual(both.map((r) => r.status).sort(), [200, 422]);
        assert.equal(both.find((r) => r.status === 422)?.body.code, 'code_already_used');
        assertError(await use(a), 422, 'code_already_used');
    });
  });

  it('a social re-login started on one, consented and finished across both; its code and state work once', async () => {
    await withTwoInstances(async (a, b) => {
        const jwt = await signIn(a, 'bob');
        const state = randomBytes(32).toString('base64url');
        const verifier = randomBytes(32).toString('base64url');
        const redirectUrl = 'http://localhost:5173/oauth-callback';
        const started = await call(a, 'POST', sdk(a, 'providers/google/initAuth'), { jwt, body: { state, redirectUrl } });
        assert.equal(started.status, 200);
        assertError(await call(b, 'POST', sdk(b, 'providers/google/initAuth'), { jwt, body: { state, redirectUrl } }), 400, 'invalid_request');

        // The development provider's consent page, shown and answered by the other instance.
        const query = new URLSearchParams({
          response_type: 'code', client_id: started.body.clientId, redirect_uri: redirectUrl, scope: started.body.scope, state,
          code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
        });
        const authorize = `${b.basePath}/dev/oauth/authorize`;
        assert.equal((await b.app.request(`${authorize}?${query}`)).status, 200);
        const decided = await b.app.request(authorize, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...Object.fromEntries(query), decision: 'allow' }).toString(),
        });
        assert.equal(decided.status, 302);
        const code = new URL(decided.headers.get('location') ?? '').searchParams.get('code');
        assert.ok(code);

        const verify = (server: ReferenceServer) =>
          call(server, 'POST', sdk(server, 'providers/google/verify'), { jwt, body: { code, state, codeVerifier: verifier, requestedScopes: ['credential:link'] } });
        assert.equal((await verify(a)).status, 200);
        assertError(await verify(b), 400, 'invalid_grant');
    });
  });
});

describe('a restart with the same key and Redis', () => {
  it('refuses a single-use token spent before it, and still accepts a multi-use token and a session issued before it', async () => {
    const prefix = `restart-${Math.random().toString(36).slice(2)}:`;
    const before = await instance(await createRedisStore({ url: redis.url, prefix }));
    const spent = await elevatedTokenFor(before, 'bob', 'wallet:export');
    const multi = await elevatedTokenFor(before, 'bob', 'wallet:sign');
    const session = await signIn(before, 'bob');
    assert.equal((await exportWith(before, spent)).status, 200);
    await before.close();

    const afterRestart = await instance(await createRedisStore({ url: redis.url, prefix }));
    try {
      const again = await exportWith(afterRestart, spent);
      assert.equal(again.status, 401);
      assert.equal(again.body.payload.reason, 'used');
      // The session from before the restart too: its secret comes from the same key.
      const sign = await call(afterRestart, 'POST', 'protected/wallet/sign', { jwt: session, headers: { [ELEVATED_TOKEN_HEADER]: multi } });
      assert.equal(sign.status, 200);
    } finally {
      await afterRestart.close();
    }
  });
});

describe('Redis down', () => {
  it('at start: the store cannot be created, and says why', async () => {
    const gone = await startRedis();
    await gone.stop();
    await assert.rejects(createRedisStore({ url: gone.url }), /ECONNREFUSED/);
  });

  it('answers 503 step_up_unavailable and accepts no single-use token or assertion', async () => {
    const own = await startRedis();
    const server = await instance(await createRedisStore({ url: own.url }));
    const token = await elevatedTokenFor(server, 'bob', 'wallet:export');
    const assertion = (await call(server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:sign' } })).body.jwt;
    await own.stop();
    try {
      const refused = await exportWith(server, token);
      assert.equal(refused.status, 503);
      assert.equal(refused.body.code, 'step_up_unavailable');
      const jwt = await signIn(server, 'bob');
      assertError(await call(server, 'POST', sdk(server, 'externalAuth/verify'), { jwt, body: { jwt: assertion } }), 503, 'step_up_unavailable');
      // Every route that counts, spends or remembers refuses the same way: never a 500.
      assertError(await call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt, body: { email: 'bob@example.com' } }), 503, 'step_up_unavailable');
      assertError(await call(server, 'GET', sdk(server, 'nonce'), { jwt, headers: { origin: 'http://localhost:5173' } }), 503, 'step_up_unavailable');
      const aliceJwt = await signIn(server, 'alice');
      assertError(await call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt: aliceJwt, body: { code: '123456', requestedScopes: ['wallet:sign'] } }), 503, 'step_up_unavailable');
      assertError(await call(server, 'GET', 'dev/outbox'), 503, 'step_up_unavailable');
    } finally {
      await server.close();
    }
  });
});
