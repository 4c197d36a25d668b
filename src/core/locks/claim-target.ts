/**
 * Claim targets checked and prepared for the table: validated as repo-relative POSIX patterns,
 * case-folded when the file system ignores case, with a matcher, an overlap model and the literal
 * segments under which the claim index files them.
 */
import { SwitchyardError } from '../../shared/result';
import { compileGlob } from './glob-matcher';
import { literalPrefixSegments, modelGlob, modelLiteralPath, type PatternModel } from './glob-model';
import type { OverlapOperand } from './glob-overlap';
import type { ClaimTarget } from './lock-types';

/** Linux's PATH_MAX; nothing longer can be a path on disk. */
export const MAX_PATH_LENGTH = 4_096;
/** Globs are searched character by character when checking overlap; longer ones are refused. */
export const MAX_GLOB_LENGTH = 1_024;
/** The directory pattern that means the whole repository. */
export const WHOLE_REPOSITORY = '.';

export interface CompiledTarget {
  target: ClaimTarget;
  /** Identity for "the same claim again": kind plus the (folded) pattern. */
  key: string;
  /** Folded leading literal segments: where the claim index files it. */
  indexSegments: string[];
  /** Whether a (folded) repo-relative path is covered. */
  matches: (path: string) => boolean;
  operand: OverlapOperand;
}

const GLOB_SYNTAX = /[*?[\]{}()!+@]/;

/**
 * Reads the CLI's and the MCP tools' spelling of a target: a trailing `/` is a directory, glob
 * syntax makes a glob, anything else is one file. A literal path containing glob characters
 * (`app/[id]/page.tsx`) must be passed as `{ kind: 'file' }` explicitly.
 */
export function parseClaimTarget(input: string): ClaimTarget {
  if (input === WHOLE_REPOSITORY || input === './') return { kind: 'directory', pattern: WHOLE_REPOSITORY };
  if (input.endsWith('/')) return { kind: 'directory', pattern: input.replace(/\/+$/, '') };
  if (GLOB_SYNTAX.test(input)) return { kind: 'glob', pattern: input };
  return { kind: 'file', pattern: input };
}

export const describeTarget = (target: ClaimTarget): string =>
  target.kind === 'directory' ? (target.pattern === WHOLE_REPOSITORY ? './' : `${target.pattern}/`) : target.pattern;

const invalid = (message: string): SwitchyardError => new SwitchyardError('invalid-input', message);

/** The segments of a normalised repo-relative path, or an error saying what is wrong with it. */
export function repoPathSegments(path: string, what = 'path'): string[] {
  if (path.length === 0) throw invalid(`The ${what} is empty.`);
  if (path.length > MAX_PATH_LENGTH) throw invalid(`The ${what} is longer than ${MAX_PATH_LENGTH} characters.`);
  if (path.includes('\0')) throw invalid(`The ${what} "${path}" contains a NUL byte.`);
  if (path.startsWith('/')) throw invalid(`The ${what} "${path}" is absolute; give it relative to the repository root.`);
  const segments = path.split('/');
  if (segments.includes('..')) throw invalid(`The ${what} "${path}" contains "..", which could lead out of the repository.`);
  if (segments.some((s) => s === '' || s === '.')) {
    throw invalid(`The ${what} "${path}" is not normalised (empty or "." segments); normalise it with RepoPaths first.`);
  }
  return segments;
}

export function validateTarget(target: ClaimTarget): void {
  if (target.kind === 'directory' && target.pattern === WHOLE_REPOSITORY) return;
  repoPathSegments(target.pattern, target.kind === 'glob' ? 'glob' : target.kind);
  if (target.kind === 'glob' && target.pattern.length > MAX_GLOB_LENGTH) {
    throw invalid(`The glob is longer than ${MAX_GLOB_LENGTH} characters; claim a directory instead.`);
  }
}

export const foldPath = (path: string, caseInsensitive: boolean): string => (caseInsensitive ? path.toLowerCase() : path);

export function compileTarget(given: ClaimTarget, caseInsensitive: boolean): CompiledTarget {
  // A private copy: the caller's object may change later, the index must not.
  const target: ClaimTarget = Object.freeze({ kind: given.kind, pattern: given.pattern });
  validateTarget(target);
  const pattern = foldPath(target.pattern, caseInsensitive);
  const key = `${target.kind}:${pattern}`;
  const display = describeTarget(target);
  if (target.kind === 'glob') {
    const matches = compileGlob(target.pattern, caseInsensitive);
    return {
      target,
      key,
      indexSegments: literalPrefixSegments(pattern),
      matches,
      operand: lazyOperand(display, matches, () => modelGlob(target.pattern, caseInsensitive)),
    };
  }
  const segments = pattern === WHOLE_REPOSITORY ? [] : pattern.split('/');
  const recursive = target.kind === 'directory';
  const matches = recursive
    ? (path: string) => segments.length === 0 || path === pattern || path.startsWith(`${pattern}/`)
    : (path: string) => path === pattern;
  return {
    target,
    key,
    indexSegments: segments,
    matches,
    operand: lazyOperand(display, matches, () => modelLiteralPath(segments, recursive, caseInsensitive)),
  };
}

/** Most claims never meet a glob; their overlap model is built the first time one is needed. */
function lazyOperand(display: string, matches: (path: string) => boolean, build: () => PatternModel): OverlapOperand {
  let model: PatternModel | undefined;
  return {
    display,
    matches,
    get model() {
      model ??= build();
      return model;
    },
  };
}
