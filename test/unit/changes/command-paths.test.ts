/** Which paths an agent's command writes (the gate's reading) and mentions, as attribution evidence. */
import { describe, expect, it } from 'vitest';
import { pathMatchesAny, readCommandPaths, writesPath } from '../../../src/core/changes/command-paths';

const REPO = '/repo';
const read = (command: string, cwd = REPO) => readCommandPaths(command, cwd, REPO);

describe('readCommandPaths', () => {
  it.each([
    ['echo hi > a.txt', 'a.txt'],
    ['echo hi >> logs/app.log 2>&1', 'logs/app.log'],
    ['make &> build.log', 'build.log'],
    ['cat a | tee b.txt', 'b.txt'],
    ['touch x && rm -f y', 'y'],
    ['mv old.txt new.txt', 'new.txt'],
    ['cp src/a.ts lib/', 'lib/a.ts'],
    ["sed -i 's/a/b/' src/two.ts", 'src/two.ts'],
    ["bash -lc 'echo nested > deep.txt'", 'deep.txt'],
    ['rm -rf build', 'build/app.js'],
    ['rm -f logs/*.txt', 'logs/today.txt'],
    ['cd src && echo x > here.ts', 'src/here.ts'],
    ["apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: pkg/new.ts\n+x\n*** End Patch\nEOF\n", 'pkg/new.ts'],
  ])('%j writes %s', (command, path) => {
    expect(writesPath(read(command), path)).toBe(true);
  });

  it('resolves paths against the working directory and drops those outside the repository', () => {
    expect(writesPath(read('echo x > out.txt', '/repo/sub'), 'sub/out.txt')).toBe(true);
    expect(read('echo x > /tmp/out.txt; echo y > ../sibling.txt; cmd 2>&1 >/dev/null')).toEqual(expect.objectContaining({ writes: [], writeTrees: [] }));
  });

  it('does not read a patch body, a reading command or an unexpanded variable as a write', () => {
    const patch = "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: a.ts\n+rm -rf everything > nowhere.txt\n*** End Patch\nEOF\n";
    expect(writesPath(read(patch), 'nowhere.txt')).toBe(false);
    expect(writesPath(read('cat README.md | grep -v x'), 'README.md')).toBe(false);
    expect(read('echo x > "$OUT"').writes).toEqual([]);
  });

  it('lists mentioned paths, including inside bash -c and after cd, separately from written ones', () => {
    const paths = read("python tools/fix.py notes.md && bash -lc 'cat docs/x.md' && cd pkg && cat inner.txt");
    expect(paths.mentions).toEqual(expect.arrayContaining(['tools/fix.py', 'notes.md', 'docs/x.md', 'pkg/inner.txt']));
    expect(writesPath(paths, 'notes.md')).toBe(false);
    expect(read("grep -n 'a b' 'file with spaces.txt'").mentions).toContain('file with spaces.txt');
  });
});

describe('pathMatchesAny', () => {
  it('matches equal paths, globs, and (for trees) paths under a folder', () => {
    expect(pathMatchesAny(['a.txt'], 'a.txt', false)).toBe(true);
    expect(pathMatchesAny(['logs/*.txt'], 'logs/x.txt', false)).toBe(true);
    expect(pathMatchesAny(['logs/*.txt'], 'logs/sub/x.txt', false)).toBe(false);
    expect(pathMatchesAny(['build'], 'build/app.js', true)).toBe(true);
    expect(pathMatchesAny(['build'], 'build/app.js', false)).toBe(false);
    expect(pathMatchesAny(['build'], 'buildx/app.js', true)).toBe(false);
  });
});
