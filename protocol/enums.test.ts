// The enums carry the seed SDK's member names and wire values. They are built from the values
// (enums.ts); this table is the seed's list written out, so a rule that produced a wrong
// name, a lost member or an extra one fails here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JwtVerifiedCredentialFormatEnum, ProviderEnum, TokenScope } from './enums.js';

const SEED = {
  TokenScope: {
    BusinessAccountgovernanceupdate: 'business_account:governance:update',
    BusinessAccountlinkWallet: 'business_account:link_wallet',
    BusinessAccountmemberadd: 'business_account:member:add',
    BusinessAccountmemberremove: 'business_account:member:remove',
    BusinessAccountmemberroleupdate: 'business_account:member:role:update',
    BusinessAccountproposalapprove: 'business_account:proposal:approve',
    BusinessAccountproposalveto: 'business_account:proposal:veto',
    BusinessAccountroledefine: 'business_account:role:define',
    BusinessAccountroledelete: 'business_account:role:delete',
    BusinessAccountsigneradd: 'business_account:signer:add',
    BusinessAccountsignerremove: 'business_account:signer:remove',
    BusinessAccounttransferOwnership: 'business_account:transfer_ownership',
    BusinessAccountwalletcreate: 'business_account:wallet:create',
    BusinessAccountwalletremove: 'business_account:wallet:remove',
    ConsoleadminActionreview: 'console:admin_action:review',
    ConsoleapprovalWorkflowupdate: 'console:approval_workflow:update',
    Consolememberinvite: 'console:member:invite',
    Consolemfareset: 'console:mfa:reset',
    Consoleprojectdelete: 'console:project:delete',
    Consolesettingsupdate: 'console:settings:update',
    Consolessoupdate: 'console:sso:update',
    Consoleuserdelete: 'console:user:delete',
    Credentiallink: 'credential:link',
    Credentialupdate: 'credential:update',
    Credentialunlink: 'credential:unlink',
    Userupdate: 'user:update',
    Userdelete: 'user:delete',
    Walletexport: 'wallet:export',
    Walletdelete: 'wallet:delete',
    Walletrefresh: 'wallet:refresh',
    Walletreshare: 'wallet:reshare',
    Walletdelegate: 'wallet:delegate',
    Walletsign: 'wallet:sign',
    Walletrestore: 'wallet:restore',
  },
  JwtVerifiedCredentialFormatEnum: {
    Blockchain: 'blockchain',
    Email: 'email',
    Oauth: 'oauth',
    Passkey: 'passkey',
    PhoneNumber: 'phoneNumber',
    ExternalUser: 'externalUser',
    Totp: 'totp',
  },
  ProviderEnum: {
    EmailOnly: 'emailOnly',
    MagicLink: 'magicLink',
    Apple: 'apple',
    Bitbucket: 'bitbucket',
    Coinbasesocial: 'coinbasesocial',
    Discord: 'discord',
    Epicgames: 'epicgames',
    Facebook: 'facebook',
    Farcaster: 'farcaster',
    Github: 'github',
    Gitlab: 'gitlab',
    Google: 'google',
    Instagram: 'instagram',
    Linkedin: 'linkedin',
    Microsoft: 'microsoft',
    Twitch: 'twitch',
    Twitter: 'twitter',
    Blocto: 'blocto',
    Banxa: 'banxa',
    CoinbaseOnramp: 'coinbaseOnramp',
    CryptoDotCom: 'cryptoDotCom',
    MoonPay: 'moonPay',
    Dynamic: 'dynamic',
    Alchemy: 'alchemy',
    Zerodev: 'zerodev',
    Telegram: 'telegram',
    Turnkey: 'turnkey',
    CoinbaseWaas: 'coinbaseWaas',
    Sms: 'sms',
    Spotify: 'spotify',
    Tiktok: 'tiktok',
    Line: 'line',
    Steam: 'steam',
    Shopify: 'shopify',
    Zksync: 'zksync',
    Kraken: 'kraken',
    Blockaid: 'blockaid',
    Passkey: 'passkey',
    Okta: 'okta',
    Sendgrid: 'sendgrid',
    Resend: 'resend',
    TrmWalletScreening: 'trmWalletScreening',
    ChainalysisAddressScreening: 'chainalysisAddressScreening',
    Gemini: 'gemini',
  },
};

describe('enums', () => {
  const built = { TokenScope, JwtVerifiedCredentialFormatEnum, ProviderEnum };

  for (const [name, members] of Object.entries(SEED)) {
    it(`${name} has exactly the seed's members and values`, () => {
      assert.deepEqual({ ...built[name as keyof typeof built] }, members);
    });

    it(`${name} cannot be changed at run time`, () => {
      assert.equal(Object.isFrozen(built[name as keyof typeof built]), true);
    });
  }

  it('types a member by its wire value', () => {
    const scope: TokenScope = TokenScope.BusinessAccountlinkWallet;
    const literal: TokenScope = 'wallet:export';
    assert.deepEqual([scope, literal], ['business_account:link_wallet', TokenScope.Walletexport]);
  });
});
