// Scope sets: deduplicated and sorted, the identity of a token's scopes on both sides.

/** Deduplicated, trimmed, sorted scopes: the canonical form of a token's `scope` claim. */
export function normalizeScopes<S extends string>(scopes: Iterable<S>): S[] {
  return [...new Set([...scopes].map((s) => s.trim() as S).filter(Boolean))].sort();
}

/** Splits a space-separated `scope` claim into normalized scopes. */
export function parseScopeClaim(claim: string): string[] {
  return normalizeScopes(claim.split(/\s+/));
}
