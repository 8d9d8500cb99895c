// step-up-kit/dev — development helpers for demos and tests. Never ship these to users.
export { createDemoWallet, announceDemoWallet, type DemoWalletOptions } from './demo-wallet.js';
export { registerPasskey, removePasskey } from './register-passkey.js';
