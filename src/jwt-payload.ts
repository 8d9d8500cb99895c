// Reads (never verifies) the parts of an elevated access token the client acts on. The
// server verifies signatures; the client only needs scope, expiry and single-use to decide
// when to attach, keep or drop a token, and refuses anything that does not look like a
// signed JWT carrying those claims.
import { parseScopeClaim } from '@step-up-kit/protocol';

export interface ElevatedTokenInfo {
  scopes: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
  singleUse: boolean;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The token's scopes, expiry and single-use flag, or undefined when the token is not a
 * three-part JWT with a signature, uses `alg: none`, or lacks a scope or a numeric `exp`.
 */
export function readElevatedToken(token: unknown): ElevatedTokenInfo | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  try {
    const header = decodeSegment(parts[0]!);
    const payload = decodeSegment(parts[1]!);
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return undefined;
    const { scope, exp, singleUse } = payload;
    if (typeof scope !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    if (singleUse !== undefined && typeof singleUse !== 'boolean') return undefined;
    const scopes = parseScopeClaim(scope);
    if (scopes.length === 0) return undefined;
    return { scopes, exp, singleUse: singleUse ?? false };
  } catch {
    return undefined; // not base64url or not JSON
  }
}
