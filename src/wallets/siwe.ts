// The EIP-4361 (SIWE) message the wallet signs. Written here rather than with ox's builder,
// whose validation and hex machinery cost the wallet chunk ≈ 4 kB gz: the message is a fixed
// template, its fields come from the page (domain, URI), the wallet (address, chain) and the
// server (nonce), and the server parses and checks every field before it accepts a signature.
// The one cryptographic step, the EIP-55 checksum of the address, is @noble/hashes' audited
// keccak-256. Tests compare the output with viem's and ox's builders field for field.
import { keccak_256 } from '@noble/hashes/sha3.js';

export interface SignInMessageFields {
  /** RFC 3986 authority of the page asking: `location.host`. */
  domain: string;
  address: `0x${string}`;
  /** One line, no line breaks. */
  statement: string;
  uri: string;
  chainId: number;
  /** The server's nonce: at least 8 letters and digits. */
  nonce: string;
  issuedAt: Date;
}

/** `address` in its EIP-55 mixed-case form: a letter is upper case where the hash of the lowercase address has a nibble ≥ 8. */
export function checksumAddress(address: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new TypeError(`Not an Ethereum address: ${address}`);
  const hex = address.slice(2).toLowerCase();
  const hash = keccak_256(new TextEncoder().encode(hex));
  let out = '0x';
  for (let i = 0; i < hex.length; i++) {
    const nibble = i % 2 === 0 ? hash[i >> 1]! >> 4 : hash[i >> 1]! & 0x0f;
    out += nibble >= 8 ? hex[i]!.toUpperCase() : hex[i];
  }
  return out as `0x${string}`;
}

/** An EIP-4361 message; throws a TypeError for a field the format cannot carry. */
export function createSignInMessage(fields: SignInMessageFields): string {
  const { domain, statement, uri, chainId, nonce, issuedAt } = fields;
  if (!Number.isSafeInteger(chainId) || chainId < 1) throw new TypeError(`Not an EIP-155 chain id: ${chainId}`);
  if (!/^[a-zA-Z0-9]{8,}$/.test(nonce)) throw new TypeError('The nonce must be at least 8 letters and digits.');
  if (/[\r\n]/.test(domain + statement + uri)) throw new TypeError('A SIWE field must not break lines.');
  return [
    `${domain} wants you to sign in with your Ethereum account:`,
    checksumAddress(fields.address),
    '',
    statement,
    '',
    `URI: ${uri}`,
    'Version: 1',
    `Chain ID: ${chainId}`,
    `Nonce: ${nonce}`,
    `Issued At: ${issuedAt.toISOString()}`,
  ].join('\n');
}
