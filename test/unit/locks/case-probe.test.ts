/** Detecting a case-insensitive file system by probing, without leaving anything behind. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { detectCaseInsensitive, isCaseInsensitive } from '../../../src/core/locks/case-probe';

const tempRepo = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sy-case-'));

/** What the platform's temp directory really is: create a file and look for it under another case. */
function tmpIsCaseInsensitive(): boolean {
  const dir = tempRepo();
  fs.writeFileSync(path.join(dir, 'probe'), '');
  return fs.existsSync(path.join(dir, 'PROBE'));
}

describe('case probe', () => {
  it('answers what the file system does and leaves no probe file', () => {
    const repo = tempRepo();
    fs.mkdirSync(path.join(repo, '.git'));
    expect(detectCaseInsensitive(repo)).toBe(tmpIsCaseInsensitive());
    expect(fs.readdirSync(repo)).toEqual(['.git']);
    expect(fs.readdirSync(path.join(repo, '.git'))).toEqual([]);
  });

  it('probes in the repository root when there is no .git directory', () => {
    const repo = tempRepo();
    expect(detectCaseInsensitive(repo)).toBe(tmpIsCaseInsensitive());
    expect(fs.readdirSync(repo)).toEqual([]);
  });

  // Root writes into a 0500 directory anyway, so the case cannot be made there: say so rather than skip silently.
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) console.log('case-probe: skipped "cannot write" (running as root: a read-only directory is still writable)');
  it.runIf(!runsAsRoot)('falls back to the directory’s own name when it cannot write', () => {
    const repo = path.join(tempRepo(), 'ReadOnlyRepo');
    fs.mkdirSync(repo, { mode: 0o500 });
    try {
      expect(detectCaseInsensitive(repo)).toBe(tmpIsCaseInsensitive());
    } finally {
      fs.chmodSync(repo, 0o700);
    }
  });

  it('probes once per repository and remembers the answer', () => {
    const repo = tempRepo();
    const writes = vi.spyOn(fs, 'writeFileSync');
    try {
      const first = isCaseInsensitive(repo);
      expect(writes).toHaveBeenCalledTimes(1);
      expect(isCaseInsensitive(repo)).toBe(first);
      expect(writes).toHaveBeenCalledTimes(1);
    } finally {
      writes.mockRestore();
    }
  });
});
