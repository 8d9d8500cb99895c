// Markup from the server — credential aliases, provider names, error messages — is shown as
// text, never parsed: nothing in it runs.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { createStepUpClient } from '../src/index.js';
import { codeInput, currentMethod, textOf, type, waitForOpen } from './support/elements.js';
import { jsonAnswer, scriptedJson, scriptedRoutes } from './support/scripted.js';

declare global {
  interface Window {
    pwned?: number;
  }
}

const PAYLOADS = {
  email: '<img src=x onerror="window.pwned=1">@example.com',
  phone: '+1<svg onload="window.pwned=2">',
  social: '"><img src=x onerror="window.pwned=3">',
  wallet: '0x<script>window.pwned=4</script>',
};

/** Every element in every shadow root below `root`. */
function allElements(root: Document | ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? allElements(el.shadowRoot) : [])]);
}

describe('hostile content from the server', () => {
  it('credential aliases and provider names with markup are rendered as text', async () => {
    const client = createStepUpClient({
      apiBaseUrl: scriptedJson({
        isRequired: true,
        credentials: [
          { id: 'e', format: 'email', alias: PAYLOADS.email },
          { id: 'p', format: 'phoneNumber', alias: PAYLOADS.phone },
          { id: 's', format: 'oauth', type: 'google"><img src=x onerror="window.pwned=5">', alias: PAYLOADS.social },
          { id: 'w', format: 'blockchain', type: 'evm', alias: PAYLOADS.wallet },
        ],
        defaultCredentialId: 'e',
      }),
      environmentId: 'env',
      getAuthToken: () => 'session-jwt',
    });
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope="wallet:export" .client=${client}></step-up-dialog>`);
    dialog.requestStepUp().catch(() => undefined);
    await waitForOpen(dialog);
    // The method element has rendered what it was given, up to its send failing (a scripted server).
    await waitUntil(() => currentMethod(dialog).shadowRoot?.querySelector('[part~=intro] .error'), 'the send failed', { timeout: 5000 });

    const elements = allElements(dialog.shadowRoot!);
    expect(elements.filter((el) => ['IMG', 'SCRIPT'].includes(el.tagName))).to.deep.equal([]);
    expect(elements.filter((el) => el.hasAttribute('onerror') || el.hasAttribute('onload'))).to.deep.equal([]);
    expect(window.pwned).to.equal(undefined);
    expect(textOf(dialog)).to.contain(PAYLOADS.phone);
    expect(textOf(dialog)).to.contain(PAYLOADS.social);
    dialog.close();
  });

  it('a server error message with markup is never rendered as markup', async () => {
    const client = createStepUpClient({
      apiBaseUrl: scriptedRoutes({
        'stepUp/check': jsonAnswer({ isRequired: true, credentials: [{ id: 't', format: 'totp', type: 'totp' }] }),
        'users/mfa/auth/totp': jsonAnswer({ error: '<img src=x onerror="window.pwned=6">Nope.', code: 'mfa_invalid_code' }, 422),
      }),
      environmentId: 'env',
      getAuthToken: () => 'session-jwt',
    });
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope="wallet:export" .client=${client}></step-up-dialog>`);
    dialog.requestStepUp().catch(() => undefined);
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    await type('123456');
    await waitUntil(() => textOf(currentMethod(dialog)).includes('not correct') || textOf(currentMethod(dialog)).includes('Nope'), 'the error');
    expect(allElements(dialog.shadowRoot!).filter((el) => el.tagName === 'IMG')).to.deep.equal([]);
    expect(window.pwned).to.equal(undefined);
    dialog.close();
  });
});
