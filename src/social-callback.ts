// The page the OAuth provider redirects back to. In a popup it hands the result to the
// opener (only to this exact origin) and closes; the opener checks source, origin and state.

export const SOCIAL_CALLBACK_MESSAGE = 'step-up-kit:social-callback';

export interface SocialCallbackMessage {
  type: typeof SOCIAL_CALLBACK_MESSAGE;
  state: string;
  code?: string;
  error?: string;
}

/** The OAuth result in a callback URL, if it carries one. */
export function readSocialCallback(url: string): Omit<SocialCallbackMessage, 'type'> | undefined {
  const params = new URL(url).searchParams;
  const state = params.get('state');
  const code = params.get('code');
  const error = params.get('error');
  if (!state || (!code && !error)) return undefined;
  return { state, ...(code ? { code } : {}), ...(error ? { error } : {}) };
}

/**
 * Call this on the page used as the social `redirectUrl`. When the page was opened as the
 * step-up popup, it posts the result to the opener and closes itself, and returns true;
 * otherwise it does nothing and returns false (use `completeSocialRedirect` then).
 */
export function handleSocialCallback(): boolean {
  const result = readSocialCallback(location.href);
  const opener = window.opener as Window | null;
  if (!result || !opener) return false;
  const message: SocialCallbackMessage = { type: SOCIAL_CALLBACK_MESSAGE, ...result };
  opener.postMessage(message, location.origin);
  window.close();
  return true;
}
