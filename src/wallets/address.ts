// Showing an address: a module of its own so that the dialog shell can label a wallet without
// loading the wallet flow (and its SIWE builder).

/** '0x1234…abcd': enough to recognise an address, short enough for a sentence. */
export function shortenAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
