/**
 * Whether a repository's file system ignores case (macOS and Windows by default, some Linux
 * mounts). Decided once per repository by creating a probe file and looking for it under another
 * case, because the platform alone does not tell (a case-sensitive APFS volume, ciopfs, …).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, boolean>();

/** Without a writable directory or letters to flip, fall back to each platform's usual default. */
const platformDefault = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

const flipCase = (text: string): string =>
  [...text].map((ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');

function probeWithFile(dir: string): boolean | null {
  const name = `.switchyard-case-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const file = path.join(dir, name);
  try {
    fs.writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  } catch {
    return null;
  }
  try {
    return fs.existsSync(path.join(dir, name.toUpperCase()));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function probeWithOwnName(dir: string): boolean | null {
  const base = path.basename(dir);
  const flipped = flipCase(base);
  if (flipped === base) return null;
  try {
    const a = fs.statSync(dir);
    const b = fs.statSync(path.join(path.dirname(dir), flipped));
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** Probes now, without the cache. The probe file goes into `.git/` when it can, out of the watcher's sight. */
export function detectCaseInsensitive(root: string, platform: NodeJS.Platform = process.platform): boolean {
  const gitDir = path.join(root, '.git');
  const probeDir = fs.statSync(gitDir, { throwIfNoEntry: false })?.isDirectory() ? gitDir : root;
  return probeWithFile(probeDir) ?? probeWithOwnName(root) ?? platformDefault(platform);
}

/** Probes once per repository root and remembers the answer. */
export function isCaseInsensitive(root: string): boolean {
  let answer = cache.get(root);
  if (answer === undefined) {
    answer = detectCaseInsensitive(root);
    cache.set(root, answer);
  }
  return answer;
}
