// The site a SIWE message must be bound to (EIP-4361 `domain` and `uri`): the configured
// domains, or in dev mode the loopback page that sends it. A message signed for another site
// is how a phishing page would relay a victim's signature, so it is refused.
import type { Context } from 'hono';
import { notFound } from './errors.js';
import { isLoopbackUrl, loopbackPageOrigin } from './loopback-origin.js';
import type { ServerContext } from './server-context.js';

export interface SiweSite {
  /** Lowercased `host[:port]` values. */
  domains: string[];
  origins: string[];
}

/** Wallet step-up needs a site to bind messages to; without one the routes do not exist. */
export function assertWalletsOffered(ctx: ServerContext): void {
  if (!ctx.siweDomains && !ctx.devMode) throw notFound();
}

export function expectedSiweSite(ctx: ServerContext, c: Context): SiweSite {
  if (ctx.siweDomains) {
    const origins = ctx.siweDomains.flatMap((domain) => {
      const secure = new URL(`https://${domain}`);
      // Plain http only where no network sits between browser and server.
      return isLoopbackUrl(secure) ? [secure.origin, new URL(`http://${domain}`).origin] : [secure.origin];
    });
    return { domains: ctx.siweDomains, origins };
  }
  assertWalletsOffered(ctx);
  const origin = loopbackPageOrigin(c);
  return { domains: [origin.host], origins: [origin.origin] };
}
