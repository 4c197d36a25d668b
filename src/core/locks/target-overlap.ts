/**
 * Whether two claim targets could cover a common path. Literal targets (files, directories) are
 * compared exactly by their segments; a glob against a file is one match; anything else goes to
 * the segment-wise glob overlap, which answers "may overlap" when it cannot be sure.
 */
import { WHOLE_REPOSITORY, type CompiledTarget } from './claim-target';
import { operandsOverlap, type OverlapVerdict } from './glob-overlap';

const literalPattern = (t: CompiledTarget): string => t.indexSegments.join('/');

function literalOverlap(a: CompiledTarget, b: CompiledTarget): OverlapVerdict {
  const [pa, pb] = [literalPattern(a), literalPattern(b)];
  const within = (inner: string, outer: CompiledTarget): boolean =>
    outer.target.kind === 'directory' && (outer.target.pattern === WHOLE_REPOSITORY || inner === literalPattern(outer) || inner.startsWith(`${literalPattern(outer)}/`));
  if (pa === pb || within(pa, b) || within(pb, a)) {
    return { overlap: true, certain: true, reason: `overlap: ${a.operand.display} and ${b.operand.display} cover the same path` };
  }
  return { overlap: false, certain: true, reason: `no path is covered by both ${a.operand.display} and ${b.operand.display}` };
}

function fileAgainstGlob(file: CompiledTarget, glob: CompiledTarget): OverlapVerdict {
  const path = literalPattern(file);
  return glob.matches(path)
    ? { overlap: true, certain: true, reason: `overlap: ${glob.operand.display} matches ${path}` }
    : { overlap: false, certain: true, reason: `${glob.operand.display} does not match ${path}` };
}

export function targetsOverlap(a: CompiledTarget, b: CompiledTarget): OverlapVerdict {
  const ka = a.target.kind;
  const kb = b.target.kind;
  if (ka !== 'glob' && kb !== 'glob') return literalOverlap(a, b);
  if (ka === 'file' && kb === 'glob') return fileAgainstGlob(a, b);
  if (ka === 'glob' && kb === 'file') return fileAgainstGlob(b, a);
  return operandsOverlap(a.operand, b.operand);
}
