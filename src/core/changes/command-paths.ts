/**
 * Which repository paths a command writes, and which it merely mentions, as attribution
 * evidence. Writes come from the write gate's extractor (the one reading of "what this command
 * writes" in Switchyard); mentions are every literal word and redirection target of the script.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { extractWritePaths } from '../gate/extract-write-paths';
import { tokenizeShell } from '../gate/shell-tokenizer';
import { toRepoRelative } from '../journal/repo-path';

export interface CommandPaths {
  /** Repo-relative files (or picomatch globs) the command writes, creates or deletes. */
  writes: string[];
  /** Repo-relative folders whose whole content it may write (`rm -r dir`, `cp -r x dir`). */
  writeTrees: string[];
  /** Repo-relative paths it names anywhere. */
  mentions: string[];
}

/** `cwd` is absolute; the returned paths are relative to `repo` and never outside it. */
export type CommandPathReader = (command: string, cwd: string, repo: string) => CommandPaths;

/** `bash -c 'script'` inside a command is read too, this deep. */
const MAX_NESTED_SCRIPTS = 3;
const SHELL_COMMAND_FLAG = /^-[a-z]*c[a-z]*$/;
const GLOB_SYNTAX = /[*?[\]{}]/;

export function readCommandPaths(command: string, cwd: string, repo: string): CommandPaths {
  const writes = new Set<string>();
  const writeTrees = new Set<string>();
  for (const written of extractWritePaths(command).paths) {
    const relative = toRepoRelative(repo, written.path, cwd);
    if (relative !== null) (written.recursive ? writeTrees : writes).add(relative);
  }
  return { writes: [...writes], writeTrees: [...writeTrees], mentions: mentionedPaths(command, cwd, repo) };
}

/** Literal words and redirection targets, resolved against the cwd and any folder the script cd's into. */
function mentionedPaths(command: string, cwd: string, repo: string): string[] {
  const found = new Set<string>();
  const read = (script: string, depth: number): void => {
    const folders = [cwd];
    let previous: string | null = null;
    for (const token of tokenizeShell(script).tokens) {
      const word = token.kind === 'word' ? token : token.kind === 'redirect' ? token.target : null;
      if (!word || word.dynamic !== null || word.text === '' || word.text.startsWith('-')) {
        previous = word?.text ?? null;
        continue;
      }
      if (previous === 'cd') folders.push(path.resolve(cwd, word.text));
      if (previous !== null && SHELL_COMMAND_FLAG.test(previous) && depth < MAX_NESTED_SCRIPTS) read(word.text, depth + 1);
      for (const folder of folders) {
        const relative = toRepoRelative(repo, word.text, folder);
        if (relative !== null) found.add(relative);
      }
      previous = word.text;
    }
  };
  read(command, 0);
  return [...found];
}

/** Whether a repo-relative path is one of `patterns`, matches one as a glob, or (with `trees`) lies under one. */
export function pathMatchesAny(patterns: Iterable<string>, relative: string, trees: boolean): boolean {
  for (const pattern of patterns) {
    if (pattern === relative) return true;
    if (trees && relative.startsWith(`${pattern}/`)) return true;
    if (GLOB_SYNTAX.test(pattern) && picomatch.isMatch(relative, pattern, { dot: true, windows: false })) return true;
  }
  return false;
}

/** Whether the command's writes cover the path. */
export function writesPath(paths: Pick<CommandPaths, 'writes' | 'writeTrees'>, relative: string): boolean {
  return pathMatchesAny(paths.writes, relative, false) || pathMatchesAny(paths.writeTrees, relative, true);
}
