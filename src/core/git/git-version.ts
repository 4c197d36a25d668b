/** The installed git's version, asked once per process: some fast paths need a newer git. */
import { gitReadText } from './git-runner';

export interface GitVersion {
  major: number;
  minor: number;
}

let cached: Promise<GitVersion> | null = null;

/** `git version 2.39.5` → { major: 2, minor: 39 }; an unreadable answer counts as 0.0 (no fast paths). */
export function parseGitVersion(text: string): GitVersion {
  const match = /(\d+)\.(\d+)/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : { major: 0, minor: 0 };
}

export function gitVersion(cwd: string): Promise<GitVersion> {
  cached ??= gitReadText(cwd, ['version']).then(parseGitVersion, () => ({ major: 0, minor: 0 }));
  return cached;
}

export const atLeast = (version: GitVersion, major: number, minor: number): boolean => version.major > major || (version.major === major && version.minor >= minor);
