// The verification methods the kit knows, which one presents a credential, and what a UI may
// show next to it. Tag names (which element renders a method) are the components' business.
import { formatPhone } from './phone-format.js';
import { shortenAddress } from './wallets/address.js';
import type { StepUpCredential } from '@step-up-kit/protocol';

/** The verification methods the kit renders, one element each. */
export type StepUpMethod = 'passkey' | 'totp' | 'recovery-code' | 'email' | 'sms' | 'social' | 'wallet';

/** The method that presents `credential`, or undefined when the kit has no element for it. */
export function methodOf(credential: StepUpCredential): StepUpMethod | undefined {
  switch (credential.format) {
    case 'passkey':
      return 'passkey';
    case 'totp':
      return credential.type === 'recoveryCode' ? 'recovery-code' : 'totp';
    case 'email':
      return 'email';
    case 'phoneNumber':
      return 'sms';
    case 'oauth':
      return credential.type ? 'social' : undefined;
    case 'blockchain':
      return credential.type === undefined || credential.type === 'evm' ? 'wallet' : undefined;
    default:
      return undefined;
  }
}

/** The text shown next to a method: who it is (address, number, account), never server-side labels. */
export function displayAlias(credential: StepUpCredential | undefined): string | undefined {
  if (!credential?.alias) return undefined;
  const method = methodOf(credential);
  if (method === 'wallet') return shortenAddress(credential.alias);
  if (method === 'totp' || method === 'recovery-code') return undefined; // the server's English label
  if (method === 'sms') return formatPhone(credential.alias);
  return credential.alias;
}
