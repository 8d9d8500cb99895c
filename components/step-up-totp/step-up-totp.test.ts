import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { generate } from 'otplib';
import { TokenScope } from '../../src/index.js';
import { resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-totp.js';
import type { StepUpElevatedEvent, StepUpErrorEvent } from '../events/index.js';
import { codeInput, collect, expectProtectedExportAccepted, inShadow, textOf, type } from '../../test/support/elements.js';
import type { StepUpTotp } from './step-up-totp.js';

const SCOPE = TokenScope.Walletexport;

describe('<step-up-totp> on its own', () => {
  beforeEach(resetBackend);

  it('has a labelled one-time-code field and fires elevated when the code is right', async () => {
    const { client } = await signedInClient('alice');
    const el = await fixture<StepUpTotp>(html`<step-up-totp scope=${SCOPE} .client=${client}></step-up-totp>`);
    const input = codeInput(el);
    expect(input.labels?.[0]?.textContent).to.equal('Authenticator code');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    await expect(el).to.be.accessible();
    el.focus();
    const { totpSecret } = await secretsOf('alice');
    const elevated = oneEvent(el, 'elevated') as Promise<StepUpElevatedEvent>;
    await type(await generate({ secret: totpSecret! }));
    const { detail } = await elevated;
    expect(detail).to.include({ scope: SCOPE, method: 'totp', alreadyElevated: false });
    await expectProtectedExportAccepted(client);
  });

  it('fires stepuperror for a wrong code and nothing when a property is set', async () => {
    const { client } = await signedInClient('alice');
    const el = await fixture<StepUpTotp>(html`<step-up-totp scope=${SCOPE} .client=${client}></step-up-totp>`);
    const all = [...collect(el, 'elevated'), ...collect(el, 'stepuperror')];
    const errors = collect<StepUpErrorEvent>(el, 'stepuperror');
    el.scope = TokenScope.Walletsign;
    el.lang = 'de';
    el.strings = { totpLabel: 'X' };
    await el.updateComplete; // the element has taken the new properties in
    expect(textOf(el.shadowRoot!.querySelector('label')!)).to.equal('X');
    expect(all).to.have.length(0);
    el.scope = SCOPE;
    el.focus();
    await type('000000');
    await waitUntil(() => errors.length === 1);
    expect(textOf(inShadow(el, '[role=alert]'))).to.not.equal('');
  });
});
