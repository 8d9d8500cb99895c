// A development wallet: an EIP-1193 provider backed by a private key held in the page,
// announced through EIP-6963 as "Demo Wallet". For the demo and the tests only — a real
// user's key never belongs in a web page.
import * as Address from 'ox/Address';
import * as Hex from 'ox/Hex';
import * as PersonalMessage from 'ox/PersonalMessage';
import * as Secp256k1 from 'ox/Secp256k1';
import * as Signature from 'ox/Signature';
import { USER_REJECTED, type Eip1193Provider, type WalletProviderDetail } from '../wallets/eip1193.js';

export interface DemoWalletOptions {
  privateKey: `0x${string}`;
  chainId?: number;
  /**
   * Stands in for the wallet's confirmation screen: resolve false to reject the request
   * (EIP-1193 error 4001). Approves everything by default.
   */
  approve?: (request: { method: string; message?: string }) => boolean | Promise<boolean>;
}

const DEMO_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#6741d9"/><path d="M8 11h16v12H8z" fill="#fff"/><circle cx="20" cy="17" r="2" fill="#6741d9"/></svg>');

class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** An EIP-191 account on a private key: its checksummed address and `personal_sign`. */
function accountOf(privateKey: `0x${string}`) {
  const address = Address.fromPublicKey(Secp256k1.getPublicKey({ privateKey }), { checksum: true });
  const signMessage = (message: string) =>
    Signature.toHex(Secp256k1.sign({ payload: PersonalMessage.getSignPayload(Hex.fromString(message)), privateKey }));
  return { address, signMessage };
}

export function createDemoWallet(options: DemoWalletOptions): Eip1193Provider & { address: string } {
  const account = accountOf(options.privateKey);
  const chainIdHex = `0x${(options.chainId ?? 1).toString(16)}`;
  const approve = options.approve ?? (() => true);
  let connected = false;

  async function confirm(method: string, message?: string) {
    if (!(await approve({ method, ...(message === undefined ? {} : { message }) }))) {
      throw new ProviderRpcError(USER_REJECTED, 'User rejected the request.');
    }
  }

  return {
    address: account.address,
    async request({ method, params }) {
      const list = Array.isArray(params) ? params : [];
      switch (method) {
        case 'eth_accounts':
          return connected ? [account.address] : [];
        case 'eth_requestAccounts':
          if (!connected) await confirm(method);
          connected = true;
          return [account.address];
        case 'eth_chainId':
          return chainIdHex;
        case 'personal_sign': {
          const [data, address] = list as [string, string];
          if (String(address).toLowerCase() !== account.address.toLowerCase()) {
            throw new ProviderRpcError(4100, 'The requested account is not authorized.');
          }
          const text = Hex.validate(data) ? Hex.toString(data) : String(data);
          await confirm(method, text);
          return account.signMessage(text);
        }
        default:
          throw new ProviderRpcError(4200, `The demo wallet does not support ${method}.`);
      }
    },
  };
}

/** Announces `provider` as "Demo Wallet" now and whenever a page asks (EIP-6963). Returns a stop function. */
export function announceDemoWallet(provider: Eip1193Provider): () => void {
  const detail: WalletProviderDetail = Object.freeze({
    info: Object.freeze({ uuid: crypto.randomUUID(), name: 'Demo Wallet', icon: DEMO_ICON, rdns: 'dev.step-up-kit.demo-wallet' }),
    provider,
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
  return () => window.removeEventListener('eip6963:requestProvider', announce);
}
