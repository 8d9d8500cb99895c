// Which external wallets this page has: EIP-6963 announcements, the injected
// `window.ethereum`, and providers the app registers itself.
import type { Eip1193Provider, WalletProviderDetail } from './eip1193.js';

export interface AvailableWallet {
  /** EIP-6963 rdns (or uuid), 'injected' for window.ethereum, or the id it was registered with. */
  id: string;
  name: string;
  icon?: string;
  provider: Eip1193Provider;
}

const announced = new Map<string, AvailableWallet>();
const registered = new Map<string, AvailableWallet>();
let listening = false;

function onAnnounce(event: Event) {
  const detail = (event as CustomEvent<WalletProviderDetail>).detail;
  if (!detail?.info || typeof detail.provider?.request !== 'function') return;
  const id = detail.info.rdns || detail.info.uuid;
  if (!id) return;
  announced.set(id, { id, name: String(detail.info.name || id), icon: detail.info.icon, provider: detail.provider });
}

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('eip6963:announceProvider', onAnnounce);
}

/**
 * Adds a provider the app knows about (an SDK's, a test wallet). Registered wallets come
 * first in the list. Returns a function that removes it again.
 */
export function registerWalletProvider(wallet: AvailableWallet): () => void {
  registered.set(wallet.id, wallet);
  return () => {
    if (registered.get(wallet.id) === wallet) registered.delete(wallet.id);
  };
}

/**
 * Every wallet the page offers now: registered, then EIP-6963 announced, then injected.
 * EIP-6963 wallets answer a request synchronously, so asking afresh each time drops
 * wallets that have gone away.
 */
export function listWallets(): AvailableWallet[] {
  listen();
  announced.clear();
  if (typeof window !== 'undefined') window.dispatchEvent(new Event('eip6963:requestProvider'));
  const wallets = [...registered.values(), ...announced.values()];
  const injected = (globalThis as { ethereum?: Eip1193Provider }).ethereum;
  if (injected && typeof injected.request === 'function' && !wallets.some((w) => w.provider === injected)) {
    wallets.push({ id: 'injected', name: 'Browser wallet', provider: injected });
  }
  return wallets;
}
