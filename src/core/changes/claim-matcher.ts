/**
 * Whether an agent's claims cover a path, matched exactly as the lock table matches them
 * (src/core/locks), so "claims this file" means the same thing everywhere.
 */
import { compileTarget, parseClaimTarget } from '../locks/claim-target';

export type ClaimMatcher = (path: string) => string | null;

/** Returns, for a path, the first claim that covers it (or null). Invalid claims match nothing. */
export function compileClaims(claims: readonly string[], caseInsensitive = false): ClaimMatcher {
  const compiled: { claim: string; matches: (path: string) => boolean }[] = [];
  for (const claim of claims) {
    try {
      compiled.push({ claim, matches: compileTarget(parseClaimTarget(claim), caseInsensitive).matches });
    } catch {
      // The lock table refuses such a claim too; it cannot be evidence.
    }
  }
  return (path) => {
    const folded = caseInsensitive ? path.toLowerCase() : path;
    return compiled.find((c) => c.matches(folded))?.claim ?? null;
  };
}
