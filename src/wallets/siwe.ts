// The EIP-4361 message, built and validated by ox (the viem team's tree-shakable core), which
// also writes the address in its EIP-55 checksum form; viem's own entry points drag in ~40 kB
// of lazy chunks.
import * as Siwe from 'ox/Siwe';

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
