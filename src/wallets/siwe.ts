// The Ethereum-specific pieces of wallet step-up, loaded only when a wallet is used: the
// EIP-4361 message and the EIP-55 address checksum from ox (the viem team's tree-shakable
// core, ~5 kB gz for these modules; viem's own entry points drag in ~40 kB of lazy chunks).
import * as Address from 'ox/Address';
import * as Hex from 'ox/Hex';
import * as Siwe from 'ox/Siwe';

/** EIP-55 mixed-case checksum form of an address. */
export function checksumAddress(address: string): `0x${string}` {
  return Address.checksum(address as `0x${string}`);
}

/** An EIP-4361 message, every field validated by the builder (never assembled by hand). */
export function createSignInMessage(fields: {
  domain: string;
  address: `0x${string}`;
  statement: string;
  uri: string;
  chainId: number;
  nonce: string;
  issuedAt: Date;
}): string {
  return Siwe.createMessage({ ...fields, version: '1' });
}

/** UTF-8 bytes of `text` as 0x-hex: what `personal_sign` takes. */
export const toHex = (text: string): `0x${string}` => Hex.fromString(text);
