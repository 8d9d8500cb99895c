// The SIWE message the wallet method signs is written by the kit (src/wallets/siwe.ts): it must
// be the message viem's and ox's builders write for the same fields, and its address the
// EIP-55 form of whatever case the wallet reports.
import { expect } from '@open-wc/testing';
import * as Siwe from 'ox/Siwe';
import { createSiweMessage, parseSiweMessage } from 'viem/siwe';
import { checksumAddress, createSignInMessage } from '../src/wallets/siwe.js';

// EIP-55's own examples
const EIP55 = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

const fields = (address: `0x${string}`, n: number) => ({
  domain: n % 2 ? 'localhost:5173' : 'wallet.example.com',
  address,
  statement: 'Confirm it is you to continue.',
  uri: n % 2 ? 'http://localhost:5173/' : 'https://wallet.example.com/',
  chainId: [1, 137, 8453, 11155111][n % 4]!,
  nonce: `n0nce${n}abcdefgh`,
  issuedAt: new Date(Date.UTC(2026, 10, 30, 12, 0, n)),
});

describe('the SIWE message (EIP-4361)', () => {
  it('writes an address in its EIP-55 form, from any case', () => {
    for (const address of EIP55) {
      expect(checksumAddress(address.toLowerCase())).to.equal(address);
      expect(checksumAddress(`0x${address.slice(2).toUpperCase()}`)).to.equal(address);
    }
  });

  it('is the message viem and ox write for the same fields, and viem reads them back', () => {
    const addresses = [...EIP55, ...Array.from({ length: 16 }, () => `0x${[...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, '0')).join('')}`)];
    addresses.forEach((address, n) => {
      const input = fields(address.toLowerCase() as `0x${string}`, n);
      const message = createSignInMessage(input);
      expect(message).to.equal(createSiweMessage({ ...input, version: '1' }));
      expect(message).to.equal(Siwe.createMessage({ ...input, version: '1' }));
      expect(parseSiweMessage(message)).to.deep.include({ domain: input.domain, chainId: input.chainId, nonce: input.nonce, uri: input.uri });
    });
  });

  it('refuses what the format cannot carry: a bad address, nonce or chain, a line break', () => {
    const good = fields(EIP55[0]! as `0x${string}`, 0);
    expect(() => createSignInMessage({ ...good, address: '0x1234' })).to.throw(TypeError, 'Not an Ethereum address');
    expect(() => createSignInMessage({ ...good, nonce: 'short' })).to.throw(TypeError, 'nonce');
    expect(() => createSignInMessage({ ...good, nonce: 'abc def ghi' })).to.throw(TypeError, 'nonce');
    expect(() => createSignInMessage({ ...good, chainId: 1.5 })).to.throw(TypeError, 'chain');
    expect(() => createSignInMessage({ ...good, statement: 'one\nURI: https://evil.example/' })).to.throw(TypeError, 'break lines');
  });
});
