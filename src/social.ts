// Social re-login as step-up: OAuth 2.0 authorization code with state and PKCE (S256), in a
// popup opened on the user's gesture, or by a full-page redirect when popups are blocked.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import type { ProviderEnum } from './enums.js';
import { StepUpError, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import { codeChallengeOf, randomToken } from './pkce.js';
import { readSocialCallback, SOCIAL_CALLBACK_MESSAGE, type SocialCallbackMessage } from './social-callback.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import type { ScopeValue, VerifyResponse } from './wire.js';

export interface VerifySocialParams {
  provider: ProviderEnum | `${ProviderEnum}`;
  requestedScopes: ScopeValue[];
  /** 'popup' (default) or 'redirect' (the page navigates away; finish with `completeSocialRedirect`). */
  mode?: 'popup' | 'redirect';
  /** Where the provider sends the user back; a page of this origin that calls `handleSocialCallback`. Default: this page. */
  redirectUrl?: string;
  signal?: AbortSignal;
}

/** What the backend tells the client to build the authorization URL (an extension of initAuth's answer). */
interface ProviderSettings {
  authorizationEndpoint: string;
  clientId: string;
  scope: string;
}

interface PendingRedirect {
  provider: string;
  state: string;
  codeVerifier: string;
  requestedScopes: string[];
  returnTo: string;
}

const POPUP_FEATURES = 'popup,width=480,height=640';
const POPUP_CLOSED_POLL_MS = 300;
const redirectKey = (client: StepUpClient) => `step-up-kit:social-redirect:${client.config.environmentId}`;

function requireProvider(provider: unknown): string {
  if (typeof provider !== 'string' || !/^[a-zA-Z][a-zA-Z0-9]{1,31}$/.test(provider)) {
    throw new StepUpError('invalid_request', { message: 'That sign-in provider is not known.' });
  }
  return provider;
}

function sameOriginUrl(url: string | undefined): string {
  const resolved = new URL(url ?? location.pathname, location.href);
  if (resolved.origin !== location.origin) {
    throw new StepUpError('invalid_request', { message: 'The social sign-in must return to this site.' });
  }
  resolved.search = '';
  resolved.hash = '';
  return resolved.href;
}

async function authorizationUrl(
  client: StepUpClient,
  provider: string,
  state: string,
  codeVerifier: string,
  redirectUrl: string,
  signal?: AbortSignal,
): Promise<string> {
  const settings = (await apiRequest(client, {
    method: 'POST',
    path: `providers/${provider}/initAuth`,
    body: { state, redirectUrl },
    signal,
  })) as Partial<ProviderSettings> | null;
  if (typeof settings?.authorizationEndpoint !== 'string' || typeof settings.clientId !== 'string') {
    throw unusableAnswer();
  }
  const url = new URL(settings.authorizationEndpoint, client.apiBase);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new StepUpError('server_error');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUrl,
    scope: settings.scope ?? 'openid email',
    state,
    code_challenge: await codeChallengeOf(codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'login',
  }).toString();
  return url.href;
}

async function verifyCode(
  client: StepUpClient,
  provider: string,
  body: { code: string; codeVerifier: string; state: string },
  scopes: string[],
  signal?: AbortSignal,
): Promise<VerifyResponse> {
  const response = await apiRequest(client, {
    method: 'POST',
    path: `providers/${provider}/verify`,
    body: { ...body, requestedScopes: scopes },
    signal,
  });
  return acceptVerifyResponse(client, response, scopes);
}

/**
 * Resolves with the popup's callback message. Only a message from the popup window itself,
 * from this origin, of the right type counts; its state must be ours.
 */
function awaitPopupResult(popup: Window, state: string, signal?: AbortSignal): Promise<SocialCallbackMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      window.removeEventListener('message', onMessage);
      clearInterval(closedPoll);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: StepUpError) => {
      cleanup();
      if (!popup.closed) popup.close();
      reject(error);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as Partial<SocialCallbackMessage> | null;
      if (event.origin !== location.origin || event.source !== popup || data?.type !== SOCIAL_CALLBACK_MESSAGE) return;
      if (data.state !== state) return fail(new StepUpError('invalid_state'));
      if (data.error || !data.code) return fail(new StepUpError('cancelled'));
      cleanup();
      resolve(data as SocialCallbackMessage);
    };
    const onAbort = () => fail(new StepUpError('cancelled'));
    const closedPoll = setInterval(() => {
      if (popup.closed) fail(new StepUpError('cancelled'));
    }, POPUP_CLOSED_POLL_MS);
    window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Verifies the user by signing in again with a social provider. Call it directly from a user
 * gesture (a click): the popup is opened before anything else so that blockers allow it. A
 * blocked popup rejects with `popup_blocked`; offer `mode: 'redirect'` then.
 */
export function verifySocial(params: VerifySocialParams, client: StepUpClient = getDefaultClient()): Promise<VerifyResponse> {
  let popup: Window | null = null;
  try {
    const scopes = requireScopes(params.requestedScopes);
    const provider = requireProvider(params.provider);
    const redirectUrl = sameOriginUrl(params.redirectUrl);
    if (params.mode === 'redirect') return startRedirect(client, provider, scopes, redirectUrl, params.signal);
    popup = window.open('', 'step-up-social', POPUP_FEATURES); // synchronously, inside the user's gesture
    if (!popup) throw new StepUpError('popup_blocked');
    return runPopup(client, popup, provider, scopes, redirectUrl, params.signal);
  } catch (error) {
    popup?.close();
    return Promise.reject(error);
  }
}

async function runPopup(
  client: StepUpClient,
  popup: Window,
  provider: string,
  scopes: string[],
  redirectUrl: string,
  signal?: AbortSignal,
): Promise<VerifyResponse> {
  const state = randomToken();
  const codeVerifier = randomToken();
  try {
    popup.location.href = await authorizationUrl(client, provider, state, codeVerifier, redirectUrl, signal);
  } catch (error) {
    popup.close();
    throw error;
  }
  const result = await awaitPopupResult(popup, state, signal);
  return verifyCode(client, provider, { code: result.code!, codeVerifier, state }, scopes, signal);
}

/** Redirect mode: remembers the request in sessionStorage and navigates to the provider. */
async function startRedirect(
  client: StepUpClient,
  provider: string,
  scopes: string[],
  redirectUrl: string,
  signal?: AbortSignal,
): Promise<never> {
  const state = randomToken();
  const codeVerifier = randomToken();
  const url = await authorizationUrl(client, provider, state, codeVerifier, redirectUrl, signal);
  const pending: PendingRedirect = { provider, state, codeVerifier, requestedScopes: scopes, returnTo: location.href };
  sessionStorage.setItem(redirectKey(client), JSON.stringify(pending));
  location.assign(url);
  return new Promise<never>(() => {}); // the page is leaving
}

/**
 * On the page the provider returned to after `verifySocial({ mode: 'redirect' })`: verifies the
 * result, stores the elevated token, removes `code` and `state` from the address bar, and
 * resolves with the answer and the address the flow started from. Resolves undefined when
 * this page load is not such a return.
 */
export async function completeSocialRedirect(
  client: StepUpClient = getDefaultClient(),
): Promise<{ response: VerifyResponse; returnTo: string } | undefined> {
  const result = readSocialCallback(location.href);
  const stored = sessionStorage.getItem(redirectKey(client));
  if (!result || !stored) return undefined;
  sessionStorage.removeItem(redirectKey(client)); // one attempt per redirect
  const clean = new URL(location.href);
  for (const name of ['code', 'state', 'error', 'error_description', 'scope', 'iss']) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.href);

  let pending: PendingRedirect;
  try {
    pending = JSON.parse(stored) as PendingRedirect;
  } catch {
    return undefined;
  }
  if (result.state !== pending.state) throw new StepUpError('invalid_state');
  if (result.error || !result.code) throw new StepUpError('cancelled');
  const response = await verifyCode(
    client,
    pending.provider,
    { code: result.code, codeVerifier: pending.codeVerifier, state: pending.state },
    pending.requestedScopes,
  );
  return { response, returnTo: pending.returnTo };
}
