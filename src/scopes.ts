/** Deduplicated, sorted scopes: the identity of a token's scope set. */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  return [...new Set([...scopes].map((s) => s.trim()).filter(Boolean))].sort();
}

/** Splits a space-separated `scope` claim into normalized scopes. */
export function parseScopeClaim(claim: string): string[] {
  return normalizeScopes(claim.split(/\s+/));
}
