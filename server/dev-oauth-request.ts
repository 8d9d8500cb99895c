// Validation of an authorization request to the development OAuth provider, the same for the
// page (query string) and the decision (form): the form is as untrusted as the URL was.
import { pendingState } from './oauth-records.js';
import { isS256Challenge } from './pkce.js';
import type { ServerContext } from './server-context.js';
import { DEV_OAUTH_CLIENT_ID, DEV_OAUTH_PROVIDERS } from './social-providers.js';
import { credentialsOf } from './users.js';

export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

export type AuthorizeParams = Record<(typeof AUTHORIZE_PARAMS)[number], string>;

export type AuthorizeCheck =
  | { ok: true; params: AuthorizeParams; account: string; userId: string; provider: string }
  | { ok: false; reason: string };

const MAX_PARAM_LENGTH = 2048;

const refuse = (reason: string): AuthorizeCheck => ({ ok: false, reason });

export async function checkAuthorizeRequest(ctx: ServerContext, input: URLSearchParams): Promise<AuthorizeCheck> {
  const params = {} as AuthorizeParams;
  for (const name of AUTHORIZE_PARAMS) {
    const values = input.getAll(name);
    // RFC 6749 §3.1: a parameter sent twice makes the request invalid (which one would count?).
    if (values.length > 1) return refuse(`The parameter "${name}" appears more than once.`);
    const value = values[0];
    if (value === undefined && name !== 'scope') return refuse(`The parameter "${name}" is missing.`);
    if (value !== undefined && value.length > MAX_PARAM_LENGTH) return refuse(`The parameter "${name}" is too long.`);
    params[name] = value ?? '';
  }
  if (params.response_type !== 'code') return refuse('Only the authorization code flow (response_type=code) is supported.');
  if (params.client_id !== DEV_OAUTH_CLIENT_ID) return refuse('This application is not known to the sign-in provider.');
  if (params.code_challenge_method !== 'S256') return refuse('The request must use PKCE with the S256 method.');
  if (!isS256Challenge(params.code_challenge)) return refuse('The PKCE code challenge is not valid.');

  const found = await pendingState(ctx, params.state);
  const pending = found?.record;
  if (!pending || found.finished || pending.expiresAt <= ctx.now() || pending.redirectUrl !== params.redirect_uri) {
    return refuse('This sign-in request is unknown or has expired.');
  }
  if (!DEV_OAUTH_PROVIDERS.includes(pending.provider)) return refuse('This sign-in request is for another provider.');
  const user = await ctx.users.find(pending.userId);
  const account = user && credentialsOf(user, 'social').find((s) => s.provider === pending.provider);
  if (!account) return refuse('The account of this sign-in request is not available.');
  return { ok: true, params, account: account.accountEmail, userId: pending.userId, provider: pending.provider };
}
