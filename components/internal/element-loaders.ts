// On-demand element definitions. The dialog's define module registers a loader (a dynamic
// import of a method's define module) per tag; the dialog asks for a tag when it is about to
// show that method, so a page pays for WebAuthn, wallets or popups only when they are offered.
// Class modules stay free of registration: with no loader registered, a tag is simply
// rendered and upgrades whenever something defines it.

type Loader = () => Promise<unknown>;

const loaders = new Map<string, Loader>();
const loading = new Map<string, Promise<void>>();

/** Makes `tag` loadable on demand, e.g. `registerElementLoader('step-up-totp', () => import('./step-up-totp.js'))`. */
export function registerElementLoader(tag: string, loader: Loader): void {
  loaders.set(tag, loader);
}

/** True when `tag` can be rendered now: defined, or with no loader to wait for. */
export function isElementReady(tag: string): boolean {
  return customElements.get(tag) !== undefined || !loaders.has(tag);
}

/**
 * Resolves when `tag` is ready (see `isElementReady`), loading it once. A failed load (the
 * network dropped) rejects and is forgotten, so the next call tries again.
 */
export function loadElement(tag: string): Promise<void> {
  if (isElementReady(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = loaders
      .get(tag)!()
      .then(() => customElements.whenDefined(tag))
      .then(
        () => undefined,
        (error: unknown) => {
          loading.delete(tag);
          throw error;
        },
      );
    loading.set(tag, pending);
  }
  return pending;
}
