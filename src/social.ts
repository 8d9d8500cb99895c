// Social re-login as step-up: OAuth 2.0 authorization code with state and PKCE (S256), in a
// popup opened on the user's gesture, or by a full-page redirect when popups are blocked.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import type { ProviderEnum } from '@step-up-kit/protocol';
import { SOCIAL_ERROR_MESSAGES } from './error-messages.js';
import { methodError, StepUpError, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import { codeChallengeOf, randomToken } from './pkce.js';
import { readSocialCallback, SOCIAL_CALLBACK_MESSAGE, type SocialCallbackMessage } from './social-callback.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import type { ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

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

/**
 * One sign-in: what the provider round trip needs, and what is kept across a redirect
 * (sessionStorage) to finish it on return.
 */
interface SignIn {
  provider: string;
  requestedScopes: string[];
  redirectUrl: string;
  state: string;
  codeVerifier: string;
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

/** Checks the parameters and draws a fresh state and PKCE verifier. */
function beginSignIn(params: VerifySocialParams): SignIn {
  return {
    requestedScopes: requireScopes(params.requestedScopes),
    provider: requireProvider(params.provider),
    redirectUrl: sameOriginUrl(params.redirectUrl),
    state: randomToken(),
    codeVerifier: randomToken(),
  };
}

async function authorizationUrl(client: StepUpClient, signIn: SignIn, signal?: AbortSignal): Promise<string> {
  const { provider, state, redirectUrl } = signIn;
  const settings = (await apiRequest(client, {
    method: 'POST',
    path: `providers/${provider}/initAuth`,
    body: { state, redirectUrl },
    signal,
    errors: SOCIAL_ERROR_MESSAGES,
  })) as Partial<ProviderSettings> | null;
  if (typeof settings?.authorizationEndpoint !== 'string' || typeof settings.clientId !== 'string') throw unusableAnswer();
  const url = new URL(settings.authorizationEndpoint, client.apiBase);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw unusableAnswer();
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUrl,
    scope: settings.scope ?? 'openid email',
    state,
    code_challenge: await codeChallengeOf(signIn.codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'login',
  }).toString();
  return url.href;
}

/** The provider's answer for `signIn`: its state must match, and it must carry a code. */
async function finishSignIn(
  client: StepUpClient,
  signIn: SignIn,
  answer: { state?: string; code?: string; error?: string },
  signal?: AbortSignal,
): Promise<VerifyResponse> {
  if (answer.state !== signIn.state) throw methodError(SOCIAL_ERROR_MESSAGES, 'invalid_state');
  if (answer.error || !answer.code) throw new StepUpError('cancelled');
  const { provider, requestedScopes, state, codeVerifier } = signIn;
  const response = await apiRequest(client, {
    method: 'POST',
    path: `providers/${provider}/verify`,
    body: { code: answer.code, codeVerifier, state, requestedScopes },
    signal,
    errors: SOCIAL_ERROR_MESSAGES,
  });
  return acceptVerifyResponse(client, response, requestedScopes);
}

/** Resolves with the popup's callback message: only one from the popup window itself, from this origin, of the right type. */
function awaitPopupAnswer(popup: Window, signal?: AbortSignal): Promise<SocialCallbackMessage> {
  return new Promise((resolve, reject) => {
    const settle = (error?: StepUpError, answer?: SocialCallbackMessage) => {
      window.removeEventListener('message', onMessage);
      clearInterval(closedPoll);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        if (!popup.closed) popup.close();
        reject(error);
      } else resolve(answer!);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as SocialCallbackMessage | null;
      if (event.origin === location.origin && event.source === popup && data?.type === SOCIAL_CALLBACK_MESSAGE) {
        settle(undefined, data);
      }
    };
    const onAbort = () => settle(new StepUpError('cancelled'));
    const closedPoll = setInterval(() => popup.closed && settle(new StepUpError('cancelled')), POPUP_CLOSED_POLL_MS);
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
    const signIn = beginSignIn(params);
    if (params.mode === 'redirect') return startRedirect(client, signIn, params.signal);
    popup = window.open('', 'step-up-social', POPUP_FEATURES); // synchronously, inside the user's gesture
    if (!popup) throw methodError(SOCIAL_ERROR_MESSAGES, 'popup_blocked');
    return runPopup(client, popup, signIn, params.signal);
  } catch (error) {
    popup?.close();
    return Promise.reject(error);
  }
}

async function runPopup(client: StepUpClient, popup: Window, signIn: SignIn, signal?: AbortSignal): Promise<VerifyResponse> {
  try {
    popup.location.href = await authorizationUrl(client, signIn, signal);
  } catch (error) {
    popup.close();
    throw error;
  }
  return finishSignIn(client, signIn, await awaitPopupAnswer(popup, signal), signal);
}

/** Redirect mode: remembers the sign-in (and where it started) in sessionStorage and navigates to the provider. */
async function startRedirect(client: StepUpClient, signIn: SignIn, signal?: AbortSignal): Promise<never> {
  const url = await authorizationUrl(client, signIn, signal);
  sessionStorage.setItem(redirectKey(client), JSON.stringify({ ...signIn, returnTo: location.href }));
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
  const answer = readSocialCallback(location.href);
  const stored = sessionStorage.getItem(redirectKey(client));
  if (!answer || !stored) return undefined;
  sessionStorage.removeItem(redirectKey(client)); // one attempt per redirect
  const clean = new URL(location.href);
  for (const name of ['code', 'state', 'error', 'error_description', 'scope', 'iss']) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.href);

  let pending: SignIn & { returnTo: string };
  try {
    pending = JSON.parse(stored) as SignIn & { returnTo: string };
  } catch {
    return undefined;
  }
  return { response: await finishSignIn(client, pending, answer), returnTo: pending.returnTo };
}
