// Which relying party a passkey ceremony runs for: the configured one, or in dev mode the
// loopback page that asks (so the demo works on any local port without configuration).
import type { Context } from 'hono';
import { notFound } from './errors.js';
import { loopbackPageOrigin } from './loopback-origin.js';
import type { ServerContext } from './server-context.js';
import { DEFAULT_RP_NAME, type RelyingParty } from './site-options.js';

export function relyingPartyFor(ctx: ServerContext, c: Context, { forOptions }: { forOptions: boolean }): RelyingParty {
  if (ctx.webauthn) return ctx.webauthn;
  // Without a relying party, passkeys are not offered at all outside dev mode.
  if (!ctx.devMode) throw notFound();
  const origin = loopbackPageOrigin(c, { sameOriginFallback: forOptions });
  return { rpId: origin.hostname, rpName: DEFAULT_RP_NAME, origins: [origin.origin] };
}
