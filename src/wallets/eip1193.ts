// The slice of EIP-1193 (provider) and EIP-6963 (multi-wallet discovery) the kit uses.

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
}

/** EIP-6963 provider info, as a wallet announces it. */
export interface WalletInfo {
  uuid: string;
  name: string;
  /** A data: URI of the wallet's icon. */
  icon: string;
  /** Reverse-DNS id of the wallet, e.g. 'io.metamask'. */
  rdns: string;
}

export interface WalletProviderDetail {
  info: WalletInfo;
  provider: Eip1193Provider;
}

/** EIP-1193 "User Rejected Request". */
export const USER_REJECTED = 4001;

export function rpcErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
