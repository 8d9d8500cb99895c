// What the dialog fetches while it opens, for the method it shows first (see
// StepUpSession.prefetched). Imported on demand, alongside the method elements.
export { prefetchPasskeyOptions } from '../../src/passkey.js';
export { prefetchWalletNonce } from '../../src/wallet.js';
export { listWallets } from '../../src/wallets/wallet-registry.js';
