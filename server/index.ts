// Public entry of the reference backend (`@step-up-kit/server`).
export { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
export { createNodeMiddleware, type NodeMiddleware } from './node-middleware.js';
export type { ExternalAuthOptions, ReferenceServerOptions } from './server-context.js';
export type { ScopePolicyOverrides, ScopeRule } from './scope-policy.js';
export type { WebAuthnOptions } from './site-options.js';
export { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
