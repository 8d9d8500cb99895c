// The answers Dynamic's SDK parses, held against the models it parses them with
// (`@dynamic-labs/sdk-api-core` FromJSON): what its parser requires must be there — it maps over
// `verifiedCredentials`, `chains` and `kyc`, and a missing one is a TypeError in the SDK — and
// what the model reads must be what the server meant.
import assert from 'node:assert/strict';
import {
  JwtVerifiedCredentialFormatEnum,
  ProjectSettingsFromJSON,
  SdkUserFromJSON,
  VerifyResponseFromJSON,
} from '@dynamic-labs/sdk-api-core';

const FORMATS: ReadonlySet<string> = new Set(Object.values(JwtVerifiedCredentialFormatEnum));

/** The model fields every answer leaves out: none of them is required. */
function assertOnlyModelFields(json: Record<string, unknown>, modelFields: readonly string[], label: string): void {
  for (const key of Object.keys(json)) assert.ok(modelFields.includes(key), `${label}: "${key}" is a field of the model`);
}

/** An `SdkUser` of this server: the user's id and email, this environment, their credentials. */
export function assertSdkUser(json: unknown, expected: { id: string; email?: string; environmentId?: string }, label = 'user'): void {
  assert.ok(json !== null && typeof json === 'object', `${label}: an object`);
  const user = SdkUserFromJSON(json);
  assert.equal(user.id, expected.id, `${label}: id`);
  assert.equal(user.email, expected.email, `${label}: email`);
  assert.equal(user.projectEnvironmentId, expected.environmentId ?? 'step-up-demo', `${label}: projectEnvironmentId`);
  assert.ok(Array.isArray(user.verifiedCredentials), `${label}: verifiedCredentials is a list`);
  const raw = (json as { verifiedCredentials: Record<string, unknown>[] }).verifiedCredentials;
  user.verifiedCredentials.forEach((credential, i) => {
    assert.equal(typeof credential.id, 'string', `${label}: credential ${i} has an id`);
    assert.ok(FORMATS.has(credential.format), `${label}: credential ${i} has a known format (${credential.format})`);
    assert.equal(typeof credential.signInEnabled, 'boolean', `${label}: credential ${i} says whether it signs in`);
    // Secrets never leave: a TOTP secret, a passkey's public key and counter have no field here.
    assert.ok(!('secret' in raw[i]!) && !('publicKey' in raw[i]!) && !('counter' in raw[i]!), `${label}: credential ${i} carries no secret`);
  });
  assert.equal(user.verifiedCredentials.filter((c) => c.signInEnabled).length, 1, `${label}: one sign-in credential`);
}

/**
 * A `VerifyResponse` as the SDK takes it: the user, the session it keeps sending as its Bearer
 * (`minifiedJwt`), the session's expiry in seconds, and the elevated token when there is one.
 */
export function assertVerifyResponse(
  json: unknown,
  expected: { userId: string; email?: string; sessionJwt?: string; elevated: boolean },
  label = 'VerifyResponse',
): void {
  assert.ok(json !== null && typeof json === 'object', `${label}: an object`);
  assertOnlyModelFields(json as Record<string, unknown>, ['user', 'minifiedJwt', 'jwt', 'expiresAt', 'elevatedAccessToken', 'mfaToken'], label);
  const response = VerifyResponseFromJSON(json);
  assertSdkUser((json as { user: unknown }).user, { id: expected.userId, email: expected.email }, `${label}.user`);
  assert.equal(typeof response.minifiedJwt, 'string', `${label}: minifiedJwt, the session the SDK sends as its Bearer`);
  if (expected.sessionJwt !== undefined) assert.equal(response.minifiedJwt, expected.sessionJwt, `${label}: the session it came with`);
  assert.ok(Number.isInteger(response.expiresAt) && response.expiresAt < 10_000_000_000, `${label}: expiresAt in seconds`);
  assert.equal(typeof response.elevatedAccessToken, expected.elevated ? 'string' : 'undefined', `${label}: elevatedAccessToken`);
}

/** A `ProjectSettings` the SDK initialises with. */
export function assertProjectSettings(json: unknown): void {
  assert.ok(json !== null && typeof json === 'object', 'settings: an object');
  const settings = ProjectSettingsFromJSON(json);
  assert.ok(Array.isArray(settings.chains) && Array.isArray(settings.kyc), 'settings: chains and kyc are lists');
  for (const block of ['design', 'general', 'privacy', 'sdk', 'security'] as const) {
    assert.ok(settings[block] !== null && typeof settings[block] === 'object', `settings: ${block} is an object`);
  }
  // Each of these would make the SDK do what this server does not serve (see project-settings.ts).
  assert.equal(settings.security.captcha?.enabled, undefined, 'settings: no CAPTCHA');
  assert.equal(settings.security.hCaptcha?.enabled, undefined, 'settings: no hCaptcha');
  assert.equal(settings.security.auth?.storage, undefined, 'settings: no cookie sessions');
  assert.equal(settings.security.externalAuth?.cookieName, undefined, 'settings: no external-JWT cookie');
  assert.equal(settings.sdk.embeddedWallets, undefined, 'settings: no embedded wallets');
}
