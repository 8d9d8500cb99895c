// The operator's site settings (passkey relying party, SIWE domains, OAuth redirect origins),
// checked once at creation: a typo must fail loudly, not refuse every user later.

export interface WebAuthnOptions {
  /** The relying party id: the site's registrable domain or host name, e.g. 'example.com'. */
  rpId: string;
  /** Shown by the authenticator. Default 'step-up-kit'. */
  rpName?: string;
  /** Origins of the pages that run the ceremonies, e.g. ['https://app.example.com']. */
  origins: string[];
}

export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: string[];
}

export const DEFAULT_RP_NAME = 'step-up-kit';

/** Each entry as a bare origin (`https://host[:port]`); anything that is not one throws. */
export function normalizeOrigins(option: string, values: readonly string[]): string[] {
  return values.map((value) => {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) {
      throw new TypeError(`${option} must list origins like https://example.com, got: ${value}`);
    }
    return url.origin;
  });
}

export function normalizeWebAuthn(options: WebAuthnOptions): RelyingParty {
  const rpId = options.rpId.trim().toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(rpId)) throw new TypeError(`webauthn.rpId must be a host name, got: ${options.rpId}`);
  if (options.origins.length === 0) throw new TypeError('webauthn.origins must name at least one origin.');
  return { rpId, rpName: options.rpName ?? DEFAULT_RP_NAME, origins: normalizeOrigins('webauthn.origins', options.origins) };
}

/** SIWE domains are RFC 3986 authorities: a host and an optional port, compared lowercased. */
export function normalizeSiweDomains(values: readonly string[]): string[] {
  return values.map((value) => {
    const domain = value.trim().toLowerCase();
    if (!/^[a-z0-9.-]+(?::\d{1,5})?$/.test(domain)) {
      throw new TypeError(`siweDomains must list host names with an optional port, got: ${value}`);
    }
    return domain;
  });
}
