// The UserDirectory as an app implements it: here over rows of JSON text, as a database would
// keep them (every read a fresh object, every change a write of its own). Outside dev mode the
// server must work through the directory alone: sessions the app issues, recovery codes the
// app hashed, TOTP, passkey registration and counters, removal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate, generateSecret } from 'otplib';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { createReferenceServer } from './create-reference-server.js';
import { createRecoveryCodeHasher, generateRecoveryCode } from './recovery-codes.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import { assertError, call, sdk, TEST_SIGNING_KEY } from './test-helpers.js';
import { counterMayBecome, createMemoryUserDirectory, type UserDirectory } from './user-directory.js';
import { credentialsOf, type User } from './users.js';

/** An app's directory over a table of JSON rows, with a log of the changes the server asked for. */
function tableDirectory(users: User[]): UserDirectory & { rows: Map<string, string>; changes: string[] } {
  const rows = new Map(users.map((user) => [user.id, JSON.stringify(user)]));
  const changes: string[] = [];
  const read = (id: string) => (rows.has(id) ? (JSON.parse(rows.get(id)!) as User) : undefined);
  const write = (user: User, change: string) => {
    rows.set(user.id, JSON.stringify(user));
    changes.push(change);
  };
  return {
    rows,
    changes,
    async find(id) {
      return read(id);
    },
    async addPasskey(userId, passkey) {
      const user = read(userId);
      const taken = [...rows.keys()].some((id) => credentialsOf(read(id)!, 'passkey').some((p) => p.id === passkey.id));
      if (!user || taken) return false;
      user.credentials.push(passkey);
      write(user, 'addPasskey');
      return true;
    },
    async removePasskey(userId, credentialId) {
      const user = read(userId);
      const kept = user?.credentials.filter((c) => !(c.kind === 'passkey' && c.id === credentialId));
      if (!user || !kept || kept.length === user.credentials.length) return false;
      write({ ...user, credentials: kept }, 'removePasskey');
      return true;
    },
    async setPasskeyCounter(userId, credentialId, counter) {
      // One synchronous read-check-write: the in-process stand-in for `UPDATE … WHERE counter < ?`.
      const user = read(userId);
      const passkey = user && credentialsOf(user, 'passkey').find((p) => p.id === credentialId);
      if (!user || !passkey || !counterMayBecome(passkey.counter, counter)) return false;
      passkey.counter = counter;
      write(user, `setPasskeyCounter ${counter}`);
      return true;
    },
    async spendRecoveryCode(userId, hash, atMs) {
      // One synchronous read-check-write: the in-process stand-in for `UPDATE … WHERE used_at IS NULL`.
      const user = read(userId);
      const record = user?.recoveryCodes.find((r) => r.hash === hash && r.usedAt === undefined);
      if (!user || !record) return false;
      record.usedAt = atMs;
      write(user, 'spendRecoveryCode');
      return true;
    },
  };
}

const RECOVERY_CODE_KEY = 'the app keeps this secret beside its database';
const ORIGIN = 'https://app.example';

function deployment() {
  const hash = createRecoveryCodeHasher(RECOVERY_CODE_KEY);
  const recoveryCodes = [generateRecoveryCode(), generateRecoveryCode()];
  const totpSecret = generateSecret();
  const users = tableDirectory([
    {
      id: 'erin',
      label: 'Erin',
      credentials: [
        { kind: 'email', id: 'erin-email', address: 'erin@example.com' },
        { kind: 'totp', id: 'erin-totp', secret: totpSecret },
      ],
      signInCredentialId: 'erin-email',
      recoveryCodes: recoveryCodes.map((code) => ({ hash: hash(code) })),
    },
  ]);
  const server = createReferenceServer({
    signingKey: TEST_SIGNING_KEY,
    users,
    recoveryCodeKey: RECOVERY_CODE_KEY,
    webauthn: { rpId: 'app.example', rpName: 'App', origins: [ORIGIN] },
  });
  return { server, users, recoveryCodes, totpSecret };
}

describe('an app\'s own UserDirectory (outside dev mode)', () => {
  it('steps up with a recovery code the app hashed: spent through the directory, once, also under 20 parallel uses', async () => {
    const { server, users, recoveryCodes } = deployment();
    const jwt = await server.issueSession('erin');
    const use = (code: string) => call(server, 'POST', sdk(server, 'users/mfa/auth/recovery'), { jwt, body: { code, requestedScopes: ['wallet:sign'] } });
    const results = await Promise.all(Array.from({ length: 20 }, () => use(recoveryCodes[0]!)));
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.ok(results.every((r) => r.status === 200 || r.body.code === 'code_already_used' || r.body.code === 'mfa_rate_limited'));
    assert.deepEqual(users.changes, ['spendRecoveryCode']);
    const stored = JSON.parse(users.rows.get('erin')!) as User;
    assert.equal(stored.recoveryCodes.filter((r) => r.usedAt !== undefined).length, 1);
    await server.close();
  });

  it('steps up with TOTP and refuses the same code again, keeping nothing in the directory', async () => {
    const { server, users, totpSecret } = deployment();
    const jwt = await server.issueSession('erin');
    const code = await generate({ secret: totpSecret });
    const use = () => call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt, body: { code, requestedScopes: ['wallet:sign'] } });
    const first = await use();
    assert.equal(first.status, 200);
    assert.equal((await call(server, 'POST', 'protected/wallet/sign', { jwt, headers: { [ELEVATED_TOKEN_HEADER]: first.body.elevatedAccessToken } })).status, 200);
    assertError(await use(), 422, 'code_already_used');
    assert.deepEqual(users.changes, [], 'the time step used is short-lived state: the shared store keeps it');
    await server.close();
  });

  it('registers a passkey, raises its counter on use and removes it, each through the directory', async () => {
    const { server, users, totpSecret } = deployment();
    const jwt = await server.issueSession('erin');
    const headers = { origin: ORIGIN };
    const code = await generate({ secret: totpSecret });
    const link = (await call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt, body: { code, requestedScopes: ['credential:link'] } })).body.elevatedAccessToken;
    const authenticator = new SoftAuthenticator(ORIGIN);

    const withLink = { ...headers, [ELEVATED_TOKEN_HEADER]: link };
    const options = await call(server, 'GET', sdk(server, 'users/mfa/register/passkey'), { jwt, headers: withLink });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    const added = await call(server, 'POST', sdk(server, 'users/mfa/register/passkey'), { jwt, headers: withLink, body: authenticator.register(options.body) });
    assert.equal(added.status, 200, JSON.stringify(added.body));

    const auth = await call(server, 'GET', sdk(server, 'users/mfa/auth/passkey'), { jwt, headers });
    const assertion = authenticator.authenticate(auth.body);
    const verified = await call(server, 'POST', sdk(server, 'users/mfa/auth/passkey'), { jwt, headers, body: { ...assertion, requestedScopes: ['credential:unlink'] } });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));

    const removed = await call(server, 'DELETE', sdk(server, `users/passkeys/${encodeURIComponent(added.body.id)}`), {
      jwt,
      headers: { [ELEVATED_TOKEN_HEADER]: verified.body.elevatedAccessToken },
    });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(users.changes, ['addPasskey', 'setPasskeyCounter 1', 'removePasskey']);
    await server.close();
  });

  it('dev mode refuses a directory: it brings its own demo users', () => {
    assert.throws(() => createReferenceServer({ devMode: true, users: tableDirectory([]) }), /Dev mode brings its own demo users/);
  });
});

describe('the demo\'s in-memory directory', () => {
  it('hands out copies to the last nested field: changing a found, listed or given user changes nothing it keeps', async () => {
    const given: User = {
      id: 'dana',
      label: 'Dana',
      credentials: [
        { kind: 'email', id: 'dana-email', address: 'dana@example.com' },
        { kind: 'passkey', id: 'dana-key', name: 'Laptop', publicKey: 'pk', counter: 1, transports: ['internal'], createdAt: 1 },
      ],
      signInCredentialId: 'dana-email',
      recoveryCodes: [{ hash: 'h1' }],
    };
    const snapshot = structuredClone(given);
    const directory = createMemoryUserDirectory([given]);
    given.credentials.push({ kind: 'totp', id: 'added', secret: 's' });
    const found = (await directory.find('dana'))!;
    assert.deepEqual(found, snapshot);
    found.label = 'changed';
    found.credentials.pop();
    (found.credentials[0] as { address: string }).address = 'changed@example.com';
    found.recoveryCodes[0]!.usedAt = 5;
    const listed = directory.list()[0]!;
    const passkey = listed.credentials[1] as { transports: string[] };
    passkey.transports.push('usb');
    assert.deepEqual(await directory.find('dana'), snapshot);
    assert.notEqual(await directory.find('dana'), await directory.find('dana'), 'a new copy each time');
  });
});
