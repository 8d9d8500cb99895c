// `GET settings`: the environment's settings as Dynamic's SDK fetches them before anything else
// (`ProjectSettings` of @dynamic-labs/sdk-api-core). Minimal, and true of this server: the
// required lists are empty because it offers no wallet chains and collects no profile fields;
// the blocks the SDK reads stay empty because it needs no CAPTCHA, no cookie sessions and no
// embedded wallets (any of these would change what the SDK does); `security` says what is
// true and changes nothing in the SDK — how long a session lasts, and which issuer's
// assertions `externalAuth/signin` and `externalAuth/verify` accept.
import type { ServerContext } from './server-context.js';
import { SESSION_LIFETIME_SECONDS } from './session.js';

export interface ProjectSettingsWire {
  /** `EnvironmentEnum`: dev mode is a sandbox (demo users, a made-up signing key). */
  environmentName: 'sandbox' | 'live';
  /** Wallet chains users sign in or connect with: none here (wallets only step up, by SIWE). */
  chains: [];
  /** Profile fields collected at sign-up: none (this server signs up nobody). */
  kyc: [];
  design: Record<string, never>;
  general: Record<string, never>;
  privacy: Record<string, never>;
  sdk: Record<string, never>;
  security: {
    /** `Duration`: the lifetime of a session this server issues. */
    jwtDuration: { amount: number; unit: 'hours' };
    /** Whose assertions sign users in and elevate them; `enabled: false` without a trusted issuer. */
    externalAuth: { enabled: boolean; iss?: string; aud?: string };
  };
}

export function projectSettings(ctx: ServerContext): ProjectSettingsWire {
  const trusted = ctx.externalAuth;
  return {
    environmentName: ctx.devMode ? 'sandbox' : 'live',
    chains: [],
    kyc: [],
    design: {},
    general: {},
    privacy: {},
    sdk: {},
    security: {
      jwtDuration: { amount: SESSION_LIFETIME_SECONDS / 3600, unit: 'hours' },
      // "enabled" is what the SDK reads before it signs in with an assertion: only where allowed.
      externalAuth: {
        enabled: trusted?.signIn === true,
        ...(trusted?.issuer !== undefined && { iss: trusted.issuer }),
        ...(trusted?.audience !== undefined && { aud: trusted.audience }),
      },
    },
  };
}
