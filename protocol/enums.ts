// Enums with the member names and wire values of the step-up API (Dynamic SDK REST contract).
// Each is a frozen object built from its wire values: a member's name follows from its value
// by the SDK generator's rule ('wallet:export' → Walletexport, 'business_account:link_wallet' →
// BusinessAccountlinkWallet, 'phoneNumber' → PhoneNumber), so the bundle carries each value once
// and a name can never drift from its value. The type of the same name is the union of values.

/** 'link_wallet' → 'linkWallet'. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** 'business_account:link_wallet' → 'BusinessAccountlinkWallet'. */
type Joined<S extends string> = S extends `${infer Head}:${infer Tail}` ? `${CamelCase<Head>}${Joined<Tail>}` : CamelCase<S>;
export type EnumObject<V extends string> = { readonly [Value in V as Capitalize<Joined<Value>>]: Value };

const memberName = (value: string) =>
  value.charAt(0).toUpperCase() + value.slice(1).replace(/:|_(.)/g, (_, next?: string) => next?.toUpperCase() ?? '');

function enumOf<const V extends readonly string[]>(values: V): EnumObject<V[number]> {
  return Object.freeze(Object.fromEntries(values.map((value) => [memberName(value), value]))) as EnumObject<V[number]>;
}

/** Scopes an elevated access token can carry. */
export const TokenScope = /* @__PURE__ */ enumOf([
  'business_account:governance:update', 'business_account:link_wallet', 'business_account:member:add',
  'business_account:member:remove', 'business_account:member:role:update', 'business_account:proposal:approve',
  'business_account:proposal:veto', 'business_account:role:define', 'business_account:role:delete',
  'business_account:signer:add', 'business_account:signer:remove', 'business_account:transfer_ownership',
  'business_account:wallet:create', 'business_account:wallet:remove', 'console:admin_action:review',
  'console:approval_workflow:update', 'console:member:invite', 'console:mfa:reset', 'console:project:delete',
  'console:settings:update', 'console:sso:update', 'console:user:delete', 'credential:link',
  'credential:update', 'credential:unlink', 'user:update', 'user:delete', 'wallet:export', 'wallet:delete',
  'wallet:refresh', 'wallet:reshare', 'wallet:delegate', 'wallet:sign', 'wallet:restore',
]);
export type TokenScope = (typeof TokenScope)[keyof typeof TokenScope];

/** The kind of credential a user can present. */
export const JwtVerifiedCredentialFormatEnum = /* @__PURE__ */ enumOf([
  'blockchain', 'email', 'oauth', 'passkey', 'phoneNumber', 'externalUser', 'totp',
]);
export type JwtVerifiedCredentialFormatEnum = (typeof JwtVerifiedCredentialFormatEnum)[keyof typeof JwtVerifiedCredentialFormatEnum];

/** Identity providers (social sign-in and others). */
export const ProviderEnum = /* @__PURE__ */ enumOf([
  'emailOnly', 'magicLink', 'apple', 'bitbucket', 'coinbasesocial', 'discord', 'epicgames', 'facebook',
  'farcaster', 'github', 'gitlab', 'google', 'instagram', 'linkedin', 'microsoft', 'twitch', 'twitter',
  'blocto', 'banxa', 'coinbaseOnramp', 'cryptoDotCom', 'moonPay', 'dynamic', 'alchemy', 'zerodev', 'telegram',
  'turnkey', 'coinbaseWaas', 'sms', 'spotify', 'tiktok', 'line', 'steam', 'shopify', 'zksync', 'kraken',
  'blockaid', 'passkey', 'okta', 'sendgrid', 'resend', 'trmWalletScreening', 'chainalysisAddressScreening',
  'gemini',
]);
export type ProviderEnum = (typeof ProviderEnum)[keyof typeof ProviderEnum];
