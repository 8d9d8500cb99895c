// The method element <step-up-dialog> shows: its code loaded the first time it is needed
// (element-loaders), what its first request needs fetched while the dialog opens (the element
// class's `static prefetch`), and a fresh element for each credential, its parts exported as
// the dialog's `method-…` parts and the session handed to it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isFresh, methodOf, StepUpError, type StepUpBackend, type StepUpCredential, type StepUpMethod } from '../../src/index.js';
import { isElementReady, loadElement } from '../internal/element-loaders.js';
import { METHOD_TAGS } from '../internal/methods.js';
import type { PrefetchingMethod, StepUpSession } from '../internal/session-context.js';

/** Parts of the method elements, exported as `method-…` parts of the dialog. */
export const METHOD_PARTS = [
  'form', 'intro', 'label', 'input', 'error', 'countdown', 'button', 'submit-button', 'status', 'resend',
  'resend-button', 'retry-button', 'wallet-list', 'wallet-button', 'expected', 'icon',
]
  .map((part) => `${part}: method-${part}`)
  .join(', ');

/** What methods are prepared for: one run of the dialog. A new run starts with nothing prefetched. */
export interface StepUpMethodRun {
  readonly backend: StepUpBackend;
  /** Fires when the run ends: nothing more is fetched for it. */
  readonly signal: AbortSignal;
}

const tagOf = (credential: StepUpCredential) => METHOD_TAGS[methodOf(credential)!];

export class StepUpMethodHost implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #run?: StepUpMethodRun;
  #credential?: StepUpCredential;
  /** The current method's element, for the credential it was made for. */
  #element?: { id: string; element: HTMLElement };

  /** What the run's methods fetched ahead, by method: the session's `prefetched`. */
  prefetched: StepUpSession['prefetched'] = {};

  /** The current method's code could not be loaded (offline): offer `retry`. */
  loadError?: StepUpError;

  /** Resolves when the current method's element is defined, or its loading failed. */
  ready: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.prepare(undefined, undefined); // a host taken off the page keeps nothing of its run
  }

  /**
   * Gets `credential`'s method ready while the host renders: loads its element (first use
   * only) and fetches what its first request needs (passkey options, wallet nonce), so that
   * after the user acts only the verify request is left. Does nothing when neither the run
   * nor the credential changed.
   */
  prepare(run: StepUpMethodRun | undefined, credential: StepUpCredential | undefined): void {
    if (run !== this.#run) {
      this.#run = run;
      this.prefetched = {};
      this.#element = undefined;
    } else if (credential?.id === this.#credential?.id) {
      return;
    }
    this.#credential = credential;
    this.#load();
  }

  /** Loads the current method again ("try again" after `loadError`). */
  retry(): void {
    this.#load();
    this.#host.requestUpdate();
  }

  /** True when `credential`'s element can be rendered now. */
  isReady(credential: StepUpCredential): boolean {
    return isElementReady(tagOf(credential));
  }

  /**
   * The element for `credential`: made once per credential (a fresh element, never one reused
   * from another credential), handed `session`, rendered by the host as a node.
   */
  element(credential: StepUpCredential, session: StepUpSession | undefined, socialRedirectUrl?: string): HTMLElement {
    const method = methodOf(credential)!;
    if (this.#element?.id !== credential.id) {
      const element = document.createElement(tagOf(credential));
      element.setAttribute('exportparts', METHOD_PARTS);
      if (method === 'email' || method === 'sms') element.setAttribute('channel', method);
      if (method === 'social') element.setAttribute('provider', credential.type ?? '');
      this.#element = { id: credential.id, element };
    }
    const { element } = this.#element;
    if (method === 'social' && socialRedirectUrl) element.setAttribute('redirect-url', socialRedirectUrl);
    else element.removeAttribute('redirect-url');
    (element as HTMLElement & { session?: StepUpSession }).session = session;
    return element;
  }

  #load(): void {
    const run = this.#run;
    const credential = this.#credential;
    this.loadError = undefined;
    if (!run || !credential) return;
    this.#prefetch(run, methodOf(credential)!);
    const tag = tagOf(credential);
    if (isElementReady(tag)) {
      this.ready = Promise.resolve();
      return;
    }
    this.ready = loadElement(tag).then(
      () => this.#host.requestUpdate(),
      (cause: unknown) => {
        if (this.#run !== run || this.#credential !== credential) return; // the user has moved on
        this.loadError = new StepUpError('network_error', { message: 'This method could not be loaded.', cause });
        this.#host.requestUpdate();
      },
    );
  }

  /**
   * Passkey options or a wallet nonce, requested now so that the user's press leaves only the
   * verify request. The method's element class knows what it needs (`static prefetch`); it
   * comes with the method elements' chunk, which loads in parallel with the host's render.
   * One still fresh from earlier in the run (the user came back to the method) is kept.
   */
  #prefetch(run: StepUpMethodRun, method: StepUpMethod): void {
    const previous = this.prefetched[method];
    const next = async () => {
      const held = await previous;
      if (held && isFresh(run.backend, held)) return held;
      await loadElement(METHOD_TAGS[method]);
      const element = customElements.get(METHOD_TAGS[method]) as Partial<PrefetchingMethod> | undefined;
      return run.signal.aborted ? undefined : element?.prefetch?.(run.backend, run.signal);
    };
    this.prefetched[method] = next().catch(() => undefined);
  }
}
