// Social re-login: OAuth code flow with state and PKCE in a real popup, against the
// reference backend's development provider.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { sendMouse } from '@web/test-runner-commands';
import {
  elevatedFetch,
  hasElevatedAccessToken,
  StepUpError,
  verifySocial,
  type StepUpClient,
  type VerifyResponse,
} from '../src/index.js';
import { codeChallengeOf, randomToken } from '../src/pkce.js';
import { API_BASE, recordingFetch, resetBackend, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

const SCOPES = ['credential:link'];
const CALLBACK = '/test/support/oauth-callback.html';
/** Same server, another origin. */
const OTHER_ORIGIN = `${location.protocol}//127.0.0.1:${location.port}`;

/** Starts verifySocial from a real mouse click (a user gesture), recording the popup it opens. */
async function startFromClick(client: StepUpClient, redirectUrl = CALLBACK) {
  const button = document.createElement('button');
  button.textContent = 'Continue with Google';
  button.style.cssText = 'position:fixed;top:0;left:0;width:200px;height:50px';
  document.body.append(button);
  let popup: Window | null = null;
  const open = window.open;
  window.open = (...args) => (popup = open.apply(window, args));
  // wrapped in an object: resolving with the promise itself would wait for the whole flow
  const started = new Promise<{ verification: Promise<VerifyResponse> }>((resolve) =>
    button.addEventListener(
      'click',
      () => {
        const verification = verifySocial({ provider: 'google', requestedScopes: SCOPES, redirectUrl }, client);
        verification.catch(() => undefined); // the test awaits it; one that fails at once is not unhandled
        resolve({ verification });
      },
      { once: true },
    ),
  );
  await sendMouse({ type: 'click', position: [100, 25] });
  const { verification } = await started;
  window.open = open;
  button.remove();
  return { verification, popup: popup as Window | null };
}

/** Waits for the dev provider's page in the popup and returns its form. */
async function providerForm(popup: Window): Promise<HTMLFormElement> {
  await waitUntil(() => {
    try {
      return popup.location.pathname.endsWith('/dev/oauth/authorize') && popup.document.readyState === 'complete';
    } catch {
      return false;
    }
  }, 'the provider page did not load', { timeout: 5000 });
  return popup.document.querySelector('form')!;
}

const clickButton = (form: HTMLFormElement, decision: 'allow' | 'deny') =>
  form.querySelector<HTMLButtonElement>(`button[value="${decision}"]`)!.click();

describe('social step-up (popup)', () => {
  let client: StepUpClient;
  let jwt: string;
  beforeEach(async () => {
    await resetBackend();
    ({ client, jwt } = await signedInClient('bob'));
  });

  it('Continue in the provider popup elevates; the protected call succeeds', async () => {
    const { verification, popup } = await startFromClick(client);
    expect(popup, 'popup opened').to.not.equal(null);
    const form = await providerForm(popup!);
    expect(popup!.document.body.textContent).to.contain('bob.demo@gmail.com');
    // a look-alike message from another window is ignored
    window.postMessage({ type: 'step-up-kit:social-callback', state: 'x', code: 'stolen' }, location.origin);
    clickButton(form, 'allow');
    await verification;
    await waitUntil(() => popup!.closed, 'the popup closes itself');
    const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope: 'credential:link' }, client);
    expect(response.status).to.equal(200);
  });

  it('closing the popup cancels', async () => {
    const { verification, popup } = await startFromClick(client);
    await providerForm(popup!);
    popup!.close();
    const error = await rejection(verification);
    expect(error.code).to.equal('cancelled');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('Cancel on the provider page cancels', async () => {
    const { verification, popup } = await startFromClick(client);
    clickButton(await providerForm(popup!), 'deny');
    expect((await rejection(verification)).code).to.equal('cancelled');
  });

  it('a callback with another state is refused', async () => {
    const { verification, popup } = await startFromClick(client);
    await providerForm(popup!);
    popup!.location.href = `${CALLBACK}?code=forged&state=${randomToken()}`;
    expect((await rejection(verification)).code).to.equal('invalid_state');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('a callback message from another origin is ignored, even with the right state', async () => {
    const { verification, popup } = await startFromClick(client);
    const form = await providerForm(popup!);
    const state = form.querySelector<HTMLInputElement>('input[name=state]')!.value;
    const hostilePosted = new Promise<void>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== OTHER_ORIGIN) return;
        window.removeEventListener('message', onMessage);
        resolve();
      };
      window.addEventListener('message', onMessage);
    });
    popup!.location.href = `${OTHER_ORIGIN}/test/support/hostile-callback.html?code=stolen&state=${encodeURIComponent(state)}`;
    // verifySocial listened first, so it has seen the message by the time this listener does
    await hostilePosted;
    popup!.close();
    // still waiting until the user gave up: had it taken the message, the sign-in would have gone on with it
    expect((await rejection(verification)).code).to.equal('cancelled');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('a redirect URL of another origin is refused before anything is sent or a popup opens', async () => {
    const recorder = recordingFetch();
    const { client: recorded } = await signedInClient('bob', { fetch: recorder.fetch });
    try {
      // the first one the backend would accept (a loopback page in development mode): only the client stands in the way
      for (const redirectUrl of [`${OTHER_ORIGIN}${CALLBACK}`, 'https://evil.example/callback', '//evil.example/callback']) {
        const { verification, popup } = await startFromClick(recorded, redirectUrl);
        popup?.close();
        expect(popup !== null, `a popup opened for ${redirectUrl}`).to.equal(false); // (a Window would hang chai's message)
        const error = await rejection(verification);
        expect(error, redirectUrl).to.be.instanceOf(StepUpError);
        expect(error.code, redirectUrl).to.equal('invalid_request');
      }
    } finally {
      // no popup used the clicks' gesture: spend it, or the next test would start with one
      window.open('about:blank', '', 'popup')?.close();
    }
    // redirect mode: only to a URL the backend refuses too, so that a broken check cannot navigate this page away
    const redirectMode = verifySocial(
      { provider: 'google', requestedScopes: SCOPES, mode: 'redirect', redirectUrl: 'https://evil.example/callback' },
      recorded,
    );
    expect((await rejection(redirectMode)).code).to.equal('invalid_request');
    expect(recorder.urls).to.deep.equal([]);
  });

  it('without a user gesture the popup is blocked, and the error says so', async () => {
    const error = await rejection(verifySocial({ provider: 'google', requestedScopes: SCOPES, redirectUrl: CALLBACK }, client));
    expect(error.code).to.equal('popup_blocked');
    expect(error.message).to.match(/pop-ups/);
  });

  describe('the backend refuses', () => {
    /** Runs the authorization by hand and returns the code, as a client that keeps its own verifier would. */
    async function authorize(verifier: string) {
      const sdk = `${API_BASE}/sdk/${client.config.environmentId}`;
      const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
      const state = randomToken();
      const redirectUrl = new URL(CALLBACK, location.href).href;
      const settings = await (
        await fetch(`${sdk}/providers/google/initAuth`, { method: 'POST', headers, body: JSON.stringify({ state, redirectUrl }) })
      ).json();
      const form = new URLSearchParams({
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUrl,
        scope: settings.scope,
        state,
        code_challenge: await codeChallengeOf(verifier),
        code_challenge_method: 'S256',
        decision: 'allow',
      });
      const landed = await fetch(settings.authorizationEndpoint, { method: 'POST', body: form }); // follows the 302
      const code = new URL(landed.url).searchParams.get('code')!;
      const verify = async (codeVerifier: string) => {
        const response = await fetch(`${sdk}/providers/google/verify`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ code, codeVerifier, state, requestedScopes: SCOPES }),
        });
        return { status: response.status, code: response.ok ? 'ok' : (await response.json()).code };
      };
      return { code, verify };
    }

    it('a wrong PKCE verifier', async () => {
      const { code, verify } = await authorize(randomToken());
      expect(code).to.match(/^[\w-]{20,}$/);
      expect(await verify(randomToken())).to.deep.equal({ status: 400, code: 'invalid_grant' });
    });

    it('a code presented twice', async () => {
      const verifier = randomToken();
      const { verify } = await authorize(verifier);
      expect(await verify(verifier)).to.deep.equal({ status: 200, code: 'ok' });
      expect(await verify(verifier)).to.deep.equal({ status: 400, code: 'invalid_grant' });
    });
  });
});

describe('the social callback page', () => {
  it('posts nothing to an opener of another origin', async () => {
    // A page of another origin (in a frame, so that a real click gives it a user gesture)
    // opens the callback page, carrying a code, as a popup: that page is the popup's opener.
    const callback = new URL(`${CALLBACK}?code=${randomToken()}&state=${randomToken()}`, location.href).href;
    const query = new URLSearchParams({ open: callback, report: location.origin });
    const frame = document.createElement('iframe');
    frame.src = `${OTHER_ORIGIN}/test/support/foreign-opener.html?${query}`;
    frame.style.cssText = 'position:fixed;top:0;left:0;width:200px;height:50px;border:0';
    const reports: Array<{ ready?: boolean; opened?: boolean; received?: unknown[] }> = [];
    const onMessage = (event: MessageEvent) => {
      if (event.origin === OTHER_ORIGIN && event.data?.kind === 'foreign-opener') reports.push(event.data);
    };
    window.addEventListener('message', onMessage);
    try {
      document.body.append(frame);
      await waitUntil(() => reports.some((r) => r.ready), 'the other origin’s page loads');
      await sendMouse({ type: 'click', position: [100, 25] });
      await waitUntil(() => reports.some((r) => r.opened !== undefined), 'the other origin’s page was clicked');
      expect(reports.find((r) => r.opened !== undefined)!.opened, 'the callback popup opened').to.equal(true);
      // the callback page closes itself once it has done its work
      await waitUntil(() => reports.some((r) => r.received), 'the callback page ran and closed', { timeout: 5000 });
      expect(reports.find((r) => r.received)!.received, 'messages the other origin received').to.deep.equal([]);
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
    }
  });
});

describe('social step-up (redirect mode)', () => {
  beforeEach(resetBackend);

  it('leaves for the provider and completes on return, cleaning the address bar', async () => {
    const { jwt, client } = await signedInClient('bob');
    sessionStorage.setItem('step-up-test-session', JSON.stringify({ jwt, environmentId: client.config.environmentId }));
    const frame = document.createElement('iframe');
    const reports: Array<Record<string, unknown>> = [];
    const onMessage = (event: MessageEvent) => {
      if (event.data?.kind === 'social-redirect') reports.push(event.data);
    };
    window.addEventListener('message', onMessage);
    try {
      frame.src = '/test/support/social-redirect.html';
      document.body.append(frame);
      await waitUntil(() => reports.length === 1, 'the page loads');
      expect(reports[0]).to.include({ completed: false });

      (frame.contentWindow as Window & { startRedirect(): void }).startRedirect();
      const form = await providerForm(frame.contentWindow!);
      clickButton(form, 'allow');
      await waitUntil(() => reports.length === 2, 'the page completes the flow on return', { timeout: 5000 });
      expect(reports[1]).to.include({ completed: true, elevated: true });
      expect(String(reports[1]!.url)).not.to.match(/[?&](code|state)=/);
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
      sessionStorage.removeItem('step-up-test-session');
    }
  });
});
