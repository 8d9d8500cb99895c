import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import {
  listWallets,
  prefetchWalletNonce,
  shortenAddress,
  verifyWallet,
  type AvailableWallet,
  type StepUpBackend,
  type StepUpMethod,
  type WalletNoncePrefetch,
} from '../../src/index.js';
import { StepUpActionElement } from '../internal/action-element.js';
import { callOf } from '../internal/method-element.js';
import { icon } from '../internal/icons.js';
import styles from './step-up-wallet.styles.js';

/**
 * A signature from the external wallet linked to the account. Lists the wallets the page
 * offers (EIP-6963 and injected), shows the address the account expects, and explains a
 * declined request or a different connected address.
 *
 * @tag step-up-wallet
 * @summary Step-up with a wallet signature.
 * @event elevated - The signature was accepted (standalone use).
 * @event stepuperror - The request was declined, the wallet did not match, or the check failed (standalone use).
 * @csspart intro - The explanation.
 * @csspart expected - The linked address box.
 * @csspart wallet-list - The list of wallets.
 * @csspart wallet-button - One wallet.
 * @csspart button - Any button.
 * @csspart retry-button - "Try again" when no wallet was found.
 * @csspart error - The error message.
 * @csspart status - The status message.
 * @csspart icon - The icons (decorative): a wallet's without its own, the error message's.
 * @cssproperty --step-up-color-accent - The wallet buttons.
 */
export class StepUpWallet extends StepUpActionElement<readonly [string]> {
  static override styles = styles;

  /** The wallets found when the element appeared (refreshed on each attempt). */
  @state() protected wallets: AvailableWallet[] = [];

  readonly method: StepUpMethod = 'wallet';

  /** Called by the dialog while it opens: a nonce, so that the signature leaves only the verify request. */
  static prefetch(backend: StepUpBackend, signal: AbortSignal) {
    return listWallets().length > 0 ? callOf(backend, 'prefetchWalletNonce', prefetchWalletNonce)?.({ signal }) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.wallets = listWallets();
  }

  protected async perform([walletId]: readonly [string], signal: AbortSignal) {
    // the nonce the dialog fetched while opening, if any: then only the verify request is left
    const nonce = (await this.session?.prefetched.wallet) as WalletNoncePrefetch | undefined; // from prefetch() above
    const verify = this.backendCall('verifyWallet', verifyWallet);
    return verify({ walletId, requestedScopes: [this.activeScope], signal, ...(nonce ? { nonce } : {}) });
  }

  #refresh(): void {
    this.wallets = listWallets();
  }

  override render() {
    const t = this.t;
    const expected = this.activeCredential?.alias;
    return html`<div class="stack">
      <p part="intro" class="intro">${t.walletIntro}</p>
      ${expected
        ? html`<p part="expected" class="expected">
            <span>${t.walletExpected}</span><code title=${expected}>${shortenAddress(expected)}</code>
          </p>`
        : nothing}
      ${this.renderError()}
      ${this.wallets.length === 0
        ? html`<p part="error" class="error" role="alert">${icon('alert')}<span>${t.walletNone}</span></p>
            <button part="button retry-button" class="secondary" type="button" @click=${this.#refresh}>${t.tryAgain}</button>`
        : html`<ul part="wallet-list">
            ${this.wallets.map(
              (w) => html`<li>
                <button part="button wallet-button" class="primary wallet" type="button" aria-disabled=${this.pending ? 'true' : 'false'}
                  @click=${() => this.start(w.id)}>
                  ${w.icon ? html`<img src=${w.icon} alt="" />` : icon('wallet')} ${t.walletUse(w.name)}
                </button>
              </li>`,
            )}
          </ul>`}
      ${this.renderStatus(t.walletWaiting)}
    </div>`;
  }
}
