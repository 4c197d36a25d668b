/**
 * Turns what agents, the CLI and the hook say ("../x", "/abs/repo/src/a.ts", "src/link/f") into
 * the repo-relative POSIX paths the lock table compares, and refuses anything that is not inside
 * the repository: absolute paths elsewhere, `..` escapes, and symbolic links whose real target
 * lies outside. A path is resolved through the longest prefix that exists, so a symlinked
 * directory is followed even when the file under it is yet to be created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';
import { isCaseInsensitive } from './case-probe';
import { MAX_PATH_LENGTH, WHOLE_REPOSITORY, parseClaimTarget } from './claim-target';
import { literalPrefixSegments } from './glob-model';
import type { ClaimTarget } from './lock-types';

/** Linux gives up after 40 links in one lookup (SYMLOOP_MAX); so do we. */
const MAX_SYMLINK_HOPS = 40;
const GLOB_SPECIALS = /[*?[\]{}()!+@\\]/g;

export interface RepoPathsOptions {
  /** Skip the probe (tests, or a caller that already knows). */
  caseInsensitive?: boolean;
  /** Treat `\` as a separator in inputs; defaults to the platform's habit. */
  windows?: boolean;
}

export interface ResolveOptions {
  /** Relative inputs are relative to this (the agent's cwd); defaults to the repository root. */
  cwd?: string;
}

const refuse = (message: string): SwitchyardError => new SwitchyardError('invalid-input', message);
const escapeGlob = (literal: string): string => literal.replace(GLOB_SPECIALS, (ch) => `\\${ch}`);

export class RepoPaths {
  private constructor(
    /** The repository root as given (resolved to an absolute path). */
    readonly givenRoot: string,
    /** The root with every symlink resolved: what paths are finally compared against. */
    readonly root: string,
    readonly caseInsensitive: boolean,
    private readonly windows: boolean,
  ) {}

  static forRepo(root: string, options: RepoPathsOptions = {}): RepoPaths {
    const givenRoot = path.resolve(root);
    let realRoot: string;
    try {
      realRoot = fs.realpathSync.native(givenRoot);
    } catch {
      throw refuse(`The repository ${givenRoot} does not exist or cannot be read.`);
    }
    return new RepoPaths(
      givenRoot,
      realRoot,
      options.caseInsensitive ?? isCaseInsensitive(realRoot),
      options.windows ?? process.platform === 'win32',
    );
  }

  /**
   * The repo-relative POSIX path of a file or directory, symlinks resolved (`.` for the root).
   * Throws an invalid-input error that says why when the path is not inside the repository.
   */
  toRepoPath(input: string, options: ResolveOptions = {}): string {
    const text = this.checkText(input, 'path');
    const absolute = path.resolve(this.cwdOf(options), text);
    if (!this.lexicallyInside(absolute)) {
      const how = text.split('/').includes('..') ? ` ("${input}" climbs out with "..")` : '';
      throw refuse(`${input} is outside the repository ${this.givenRoot}${how}; only paths inside it can be claimed or written.`);
    }
    const real = this.resolveExistingPrefix(absolute, input);
    const relative = this.relativeToRoot(real);
    if (relative === null) {
      throw refuse(`${input} leads outside the repository through a symbolic link (it resolves to ${real}); only paths inside ${this.root} can be claimed or written.`);
    }
    return relative === '' ? WHOLE_REPOSITORY : relative;
  }

  /**
   * A glob made repo-relative: an absolute glob must start inside the repository, a relative one
   * is taken from `cwd`; `..` is refused, and its literal prefix must not leave through a symlink.
   */
  toRepoGlob(input: string, options: ResolveOptions = {}): string {
    let glob = this.checkText(input, 'glob').replace(/^(?:\.\/+)+/, '').replace(/\/+$/, '');
    if (path.isAbsolute(glob)) {
      const inside = [this.root, this.givenRoot].map((r) => this.toPosix(r)).find((r) => this.startsWithDir(glob, r));
      if (inside === undefined) throw refuse(`${input} is outside the repository ${this.givenRoot}; give a glob inside it.`);
      glob = glob.slice(inside.length).replace(/^\/+/, '');
    } else {
      const cwd = options.cwd === undefined ? WHOLE_REPOSITORY : this.toRepoPath(options.cwd);
      if (cwd !== WHOLE_REPOSITORY) glob = `${escapeGlob(cwd)}/${glob}`;
    }
    const segments = glob.split('/');
    if (glob === '' || segments.some((s) => s === '' || s === '.')) throw refuse(`The glob ${input} is empty or has empty or "." segments.`);
    if (segments.includes('..')) throw refuse(`The glob ${input} contains "..", which could lead out of the repository.`);
    const prefix = literalPrefixSegments(glob);
    if (prefix.length === 0) return glob;
    const realPrefix = this.toRepoPath(prefix.join('/'));
    const rest = segments.slice(prefix.length).join('/');
    return realPrefix === WHOLE_REPOSITORY ? rest : `${escapeGlob(realPrefix)}/${rest}`;
  }

  /** A target as the CLI or an agent wrote it, normalised (see `parseClaimTarget` for the spelling). */
  toClaimTarget(input: string | ClaimTarget, options: ResolveOptions = {}): ClaimTarget {
    const target = typeof input === 'string' ? parseClaimTarget(input) : input;
    if (target.kind === 'glob') return { kind: 'glob', pattern: this.toRepoGlob(target.pattern, options) };
    const pattern = this.toRepoPath(target.pattern, options);
    if (pattern === WHOLE_REPOSITORY && target.kind === 'file') {
      throw refuse(`${target.pattern} is the repository itself, not a file; claim it as a directory ("./").`);
    }
    return { kind: target.kind, pattern };
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private checkText(input: string, what: string): string {
    if (typeof input !== 'string' || input.length === 0) throw refuse(`The ${what} is empty.`);
    if (input.includes('\0')) throw refuse(`The ${what} ${JSON.stringify(input)} contains a NUL byte.`);
    if (input.length > MAX_PATH_LENGTH) throw refuse(`The ${what} is longer than ${MAX_PATH_LENGTH} characters.`);
    return this.windows ? input.replace(/\\/g, '/') : input;
  }

  private cwdOf(options: ResolveOptions): string {
    return options.cwd === undefined ? this.givenRoot : path.resolve(this.givenRoot, options.cwd);
  }

  private fold(p: string): string {
    return this.caseInsensitive ? p.toLowerCase() : p;
  }

  private toPosix(p: string): string {
    return p.split(path.sep).join('/');
  }

  private startsWithDir(candidate: string, dir: string): boolean {
    const [c, d] = [this.fold(candidate), this.fold(dir)];
    return c === d || c.startsWith(d.endsWith('/') ? d : `${d}/`);
  }

  /** The path relative to the real root in POSIX form, or null when it is outside. */
  private relativeToRoot(absolute: string): string | null {
    const rel = path.relative(this.fold(this.root), this.fold(absolute));
    if (rel === '') return '';
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    // Slice the original (unfolded) text so the path keeps the case it has on disk, unless
    // folding changed the length (a few Unicode letters do).
    const original = this.fold(absolute).length === absolute.length ? absolute.slice(absolute.length - rel.length) : rel;
    return this.toPosix(original);
  }

  private lexicallyInside(absolute: string): boolean {
    return [this.givenRoot, this.root].some((r) => {
      const rel = path.relative(this.fold(r), this.fold(absolute));
      return rel === '' || !(rel.startsWith('..') || path.isAbsolute(rel));
    });
  }

  /** Follows symlinks through the longest existing prefix; a dangling link is followed by hand. */
  private resolveExistingPrefix(absolute: string, input: string, hops = 0): string {
    if (hops > MAX_SYMLINK_HOPS) throw refuse(`${input} goes through too many symbolic links (a loop?).`);
    const missing: string[] = [];
    let candidate = absolute;
    for (;;) {
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(candidate, { throwIfNoEntry: false });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') {
          throw refuse(`${input} cannot be inspected (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        }
      }
      if (stat) {
        try {
          return path.join(fs.realpathSync.native(candidate), ...missing);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') throw refuse(`${input} goes through a loop of symbolic links.`);
          if (!stat.isSymbolicLink() || code !== 'ENOENT') throw refuse(`${input} cannot be resolved (${code ?? 'error'}).`);
          // A dangling link: writing through it would create its target, wherever that is.
          const parent = fs.realpathSync.native(path.dirname(candidate));
          const target = path.resolve(parent, fs.readlinkSync(candidate));
          return this.resolveExistingPrefix(path.join(target, ...missing), input, hops + 1);
        }
      }
      const parent = path.dirname(candidate);
      if (parent === candidate) return path.join(candidate, ...missing);
      missing.unshift(path.basename(candidate));
      candidate = parent;
    }
  }
}
