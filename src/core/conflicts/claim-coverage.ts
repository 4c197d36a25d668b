/** Which live claims cover a path, by the lock table's own matching rules. */
import type { ClaimView } from '../../shared/locks';
import { compileTarget, describeTarget } from '../locks/claim-target';

export type PathMatcher = (path: string) => boolean;

/** Compiles each claim once per snapshot; a claim the table could not hold covers nothing. */
export function claimCoverage(claims: readonly ClaimView[]): (path: string) => ClaimView[] {
  const compiled = claims.map((claim): [ClaimView, PathMatcher] => {
    try {
      return [claim, compileTarget({ kind: claim.kind, pattern: claim.pattern }, false).matches];
    } catch {
      return [claim, () => false];
    }
  });
  return (path) => compiled.filter(([, matches]) => matches(path)).map(([claim]) => claim);
}

/**
 * How a claim is named to locks.release / locks.claim: the CLI spelling, where a directory ends in
 * `/` (a view's bare `src` would be read back as a file).
 */
export const claimPattern = (claim: ClaimView): string => describeTarget({ kind: claim.kind, pattern: claim.pattern });
