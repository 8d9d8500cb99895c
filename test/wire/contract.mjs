// The step-up wire as the core speaks it, endpoint by endpoint, against Dynamic's API models
// (`@dynamic-labs/sdk-api-core`). The drift guard (wire-drift.test.mjs) holds the requests the
// core sent in the browser suite, and the answer fields it reads, to this map; the map itself is
// held to Dynamic's generated SDKApi (same method and path, same request and response models).
//
// A new endpoint in src/ fails the guard until it is classified here: in ENDPOINTS with the
// models Dynamic's SDKApi uses for it, or in EXTENSIONS with the reason it is ours.

/**
 * Every step-up API endpoint the core calls that Dynamic's API has. Paths are under
 * `sdk/{environmentId}/`, with the path parameters named as Dynamic's SDKApi names them.
 * `request` / `response`: the models SDKApi serialises and parses for it (null: none).
 */
export const ENDPOINTS = [
  { endpoint: 'POST stepUp/check', request: 'StepUpCheckRequest', response: 'StepUpCheckResponse' },
  { endpoint: 'POST emailVerifications/create', request: 'EmailVerificationCreateRequest', response: 'EmailVerificationCreateResponse' },
  // Dynamic parses the verify answer as UpdateSelfResponse: VerifyResponse's fields plus nextView.
  { endpoint: 'POST emailVerifications/verify', request: 'EmailVerificationVerifyRequest', response: 'UpdateSelfResponse' },
  { endpoint: 'POST smsVerifications/create', request: 'SmsVerificationCreateRequest', response: 'SmsVerificationCreateResponse' },
  { endpoint: 'POST smsVerifications/verify', request: 'SmsVerificationVerifyRequest', response: 'UpdateSelfResponse' },
  { endpoint: 'POST users/mfa/auth/totp', request: 'MFAAuthTotpDevicePostRequest', response: 'VerifyResponse' },
  { endpoint: 'POST users/mfa/auth/recovery', request: 'MFAAuthRecoveryDevicePostRequest', response: 'VerifyResponse' },
  {
    endpoint: 'GET users/mfa/auth/passkey',
    request: null,
    response: 'GetPasskeyAuthenticationOptionsResponse',
    // A known difference, not fixed here: Dynamic's API has no GET on this path. Its SDK asks
    // for the options of a passkey step-up at `GET users/passkeys/authenticate`, which answers
    // GetPasskeyAuthenticationOptionsResponse; the core (src/passkey.ts PASSKEY_PATH) asks at
    // `GET users/mfa/auth/passkey`, the reference backend's own path. The answer is held to
    // that model, and the map fails once Dynamic's API has this path itself.
    sameOperationAs: 'GET users/passkeys/authenticate',
  },
  { endpoint: 'POST users/mfa/auth/passkey', request: 'PasskeyAuthRequest', response: 'VerifyResponse' },
  { endpoint: 'GET nonce', request: null, response: 'NonceResponse' },
  { endpoint: 'POST wallets/verify', request: 'VerifyRequest', response: 'VerifyResponse' },
  // Dynamic's initAuth answers no body; what the core reads from ours is an extension (RESPONSES).
  { endpoint: 'POST providers/{providerType}/initAuth', request: 'OauthInitAuthRequest', response: null },
  { endpoint: 'POST providers/{providerType}/verify', request: 'OauthRequest', response: 'VerifyResponse' },
  { endpoint: 'POST externalAuth/verify', request: 'ExternalAuthSigninRequest', response: 'ExternalAuthAssertionResponse' },
];

/**
 * Endpoints the core calls that are the reference backend's own (server/README.md, "Extensions
 * beyond the wire contract"): recorded, classified, not compared. Each says why.
 * `dynamicHasPath`: whether Dynamic's SDKApi has the same method and path (with another shape),
 * checked, so that the reason stays true.
 */
export const EXTENSIONS = [
  {
    endpoint: 'GET users/mfa/register/passkey',
    dynamicHasPath: true,
    why:
      'passkey enrolment, called only by step-up-kit/dev (src/dev/register-passkey.ts) for the demo and tests; ' +
      'it answers PublicKeyCredentialCreationOptionsJSON, where Dynamic answers MFARegisterPasskeyDeviceGetResponse ({ id, type, registration })',
  },
  {
    endpoint: 'POST users/mfa/register/passkey',
    dynamicHasPath: true,
    why:
      'passkey enrolment (step-up-kit/dev): the body is the RegistrationResponseJSON plus `name`, spent with a credential:link ' +
      'elevated token, and the answer { id, alias }; Dynamic takes MFARegisterPasskeyDevicePostRequest ({ id, attestation }) and answers VerifyResponse',
  },
  {
    endpoint: 'DELETE users/passkeys/{id}',
    dynamicHasPath: false,
    why:
      'passkey removal (step-up-kit/dev), spent with a credential:unlink elevated token; ' +
      "Dynamic's DELETE users/passkeys takes the id in a DeleteUserPasskeyRequest body instead",
  },
];

/** `[file, pattern]`: where the source shows that the core copes with a field's absence. */
const TOKEN_CHECKED = [
  ['src/verify-response.ts', /client\.tokens\.add\(response\.elevatedAccessToken, scopes\)/],
  ['src/token-store.ts', /if \(!info \|\| this\.#isExpired\(info\)[^\n]*\) \{\n\s*throw new StepUpError\('invalid_token'\)/],
  ['src/jwt-payload.ts', /if \(typeof token !== 'string'\) return undefined;/],
];

/**
 * What the core reads from each answer, by the endpoints whose answer it is (their model is
 * ENDPOINTS' `response`), or by an explicit `model` for answers of any endpoint.
 * - `coreType`: the core's own type for the answer (`file`, `name`): every field of it must be in
 *   the model, and a field it requires must be required there.
 * - `reads`: the fields the code reads (`'coreType'`: all of the type's fields); each must
 *   appear in a `readIn` file (a check that the list is not stale) and be in the model.
 * - `optional`: each read field the model leaves optional (or lacks), with `evidence` in the
 *   source that the core copes without it, and `how` in words.
 * - `extensionFields`: read fields that are ours, not Dynamic's, and why.
 * - `extension`: why the core reads an answer Dynamic's endpoint does not have.
 */
export const RESPONSES = [
  {
    endpoints: ['POST stepUp/check'],
    coreType: { file: 'protocol/wire.ts', name: 'StepUpCheckResponse' },
    reads: 'coreType',
    readIn: ['src/check.ts'],
    optional: {
      defaultCredentialId: {
        how: 'absent or not one of the listed credentials: the answer has no default',
        evidence: [['src/check.ts', /defaultCredentialId !== undefined && defaultCredentialId !== null && typeof defaultCredentialId !== 'string'/]],
      },
      'credentials[].type': {
        how: 'absent: the credential is kept without it (methodOf treats a typeless totp as TOTP, a typeless oauth as no method)',
        evidence: [['src/check.ts', /type !== undefined && typeof type !== 'string'/], ['src/check.ts', /\.\.\.\(type \? \{ type \} : \{\}\)/]],
      },
      'credentials[].alias': {
        how: 'absent: the credential is kept without display text',
        evidence: [['src/check.ts', /alias !== undefined && typeof alias !== 'string'/], ['src/check.ts', /\.\.\.\(alias \? \{ alias \} : \{\}\)/]],
      },
    },
  },
  {
    endpoints: ['POST emailVerifications/create', 'POST smsVerifications/create'],
    coreType: { file: 'protocol/wire.ts', name: 'OtpVerification' },
    reads: 'coreType',
    readIn: ['src/otp.ts'],
  },
  {
    endpoints: [
      'POST emailVerifications/verify',
      'POST smsVerifications/verify',
      'POST users/mfa/auth/totp',
      'POST users/mfa/auth/recovery',
      'POST users/mfa/auth/passkey',
      'POST wallets/verify',
      'POST providers/{providerType}/verify',
    ],
    // The core hands the whole answer to its caller as this type, and itself reads only the token.
    coreType: { file: 'protocol/wire.ts', name: 'VerifyResponse' },
    reads: ['elevatedAccessToken'],
    readIn: ['src/verify-response.ts'],
    optional: {
      elevatedAccessToken: {
        how: 'absent, null or not a usable JWT: nothing is stored and the call rejects with invalid_token (test/verify-response.test.ts)',
        evidence: TOKEN_CHECKED,
      },
    },
  },
  {
    endpoints: ['POST externalAuth/verify'],
    coreType: { file: 'protocol/wire.ts', name: 'ExternalAuthResponse' },
    reads: 'coreType',
    readIn: ['src/external-auth.ts'],
  },
  {
    endpoints: ['GET nonce'],
    reads: ['nonce'],
    readIn: ['src/wallet.ts'],
    optional: {
      nonce: {
        how: 'absent or not an alphanumeric string of 8 or more: the answer is unusable (server_error), nothing is signed',
        evidence: [['src/wallet.ts', /if \(typeof nonce !== 'string' \|\| [^\n]*\) \{\n\s*throw unusableAnswer\(\);/]],
      },
    },
  },
  {
    // The rest of the options go to @simplewebauthn/browser's startAuthentication as they are.
    endpoints: ['GET users/mfa/auth/passkey'],
    reads: ['challenge'],
    readIn: ['src/passkey.ts'],
  },
  {
    endpoints: ['POST providers/{providerType}/initAuth'],
    coreType: { file: 'src/social.ts', name: 'ProviderSettings' },
    reads: 'coreType',
    readIn: ['src/social.ts'],
    extension:
      "Dynamic's initAuth answers no body (its SDK builds the provider's URL from project settings); the reference backend " +
      'answers { authorizationEndpoint, clientId, scope } (server/README.md, "Extensions beyond the wire contract")',
  },
  {
    // Error bodies: the richest of Dynamic's error models. The server's own tests hold every
    // error body they meet to the model of its status (server/test-support/dynamic-error-model.ts).
    label: 'any 422 answer',
    model: 'UnprocessableEntity',
    reads: ['error', 'code', 'payload', 'payload.retryAfter', 'payload.attemptsRemaining', 'payload.lockedUntil'],
    readIn: ['src/http.ts'],
    extensionFields: {
      'payload.retryAfter': 'seconds until a retry can succeed, beside Retry-After (protocol/errors.ts WireErrorPayload)',
      'payload.attemptsRemaining': 'wrong codes left before the code is spent (the reference backend)',
      'payload.lockedUntil': 'when a TOTP / recovery-code lockout ends (the reference backend)',
    },
    optional: {
      code: {
        how: 'absent or unknown: the error is classified by its status',
        evidence: [['src/http.ts', /if \(typeof wireCode !== 'string'\) return undefined;/]],
      },
      payload: {
        how: 'absent: no retry time, attempts or lockout',
        evidence: [['src/http.ts', /wire\.payload \?\? \{\}/]],
      },
      'payload.retryAfter': {
        how: 'absent or not a non-negative number: the Retry-After header, else none',
        evidence: [['src/http.ts', /typeof bodyValue === 'number' && Number\.isFinite\(bodyValue\) && bodyValue >= 0/]],
      },
      'payload.attemptsRemaining': {
        how: 'absent or not a non-negative integer: not reported',
        evidence: [['src/http.ts', /Number\.isInteger\(attempts\) && \(attempts as number\) >= 0/]],
      },
      'payload.lockedUntil': {
        how: 'absent or not a date: not reported',
        evidence: [['src/http.ts', /typeof until === 'string' \? Date\.parse\(until\) : NaN/]],
      },
    },
  },
];
