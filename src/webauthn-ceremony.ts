// The part of @simplewebauthn/browser a step-up ceremony uses, re-exported from a module of
// our own: `import()` of the package itself would keep every export (registration, signals,
// capability probes) in the lazy chunk, since a namespace object cannot be tree-shaken.
export { startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
