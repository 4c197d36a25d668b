/** What single commands write, one rule per command. */
import { describe, expect, it } from 'vitest';
import { analyseCommand, parseArgs } from '../../../src/core/gate/shell-write-commands';
import { tokenizeShell, type Word } from '../../../src/core/gate/shell-tokenizer';

const wordsOf = (command: string): Word[] => tokenizeShell(command).tokens.filter((t): t is Word => t.kind === 'word');
const written = (command: string): string[] => {
  const analysis = analyseCommand(wordsOf(command));
  if (analysis.kind !== 'writes') throw new Error(`expected writes, got ${analysis.kind}`);
  return analysis.writes.map((w) => `${w.word.text}${w.recursive ? ' (r)' : ''}`);
};

describe('analyseCommand', () => {
  const cases: Array<[string, string[]]> = [
    ['tee -a log.txt other.txt', ['log.txt', 'other.txt']],
    ['sed -i s/a/b/ f.ts g.ts', ['f.ts', 'g.ts']],
    ['sed -i.bak -e s/a/b/ f.ts', ['f.ts', 'f.ts.bak']],
    ["sed -i '' -e s/a/b/ f.ts", ['f.ts']],
    ['sed --in-place=.orig s/a/b/ f.ts', ['f.ts', 'f.ts.orig']],
    ['sed -n s/a/b/p f.ts', []],
    ['perl -pi -e s/a/b/ f.pl', ['f.pl']],
    ['perl -i.bak -pe s/a/b/ f.pl', ['f.pl', 'f.pl.bak']],
    ['perl -ne print f.pl', []],
    ['mv -f a.ts b.ts', ['a.ts (r)', 'b.ts (r)']],
    ['mv -t dest a b', ['a (r)', 'b (r)', 'dest (r)']],
    ['cp -r src dst', ['dst (r)']],
    ['cp --target-directory=out a b', ['out (r)']],
    ['rm -rf build dist', ['build (r)', 'dist (r)']],
    ['rm -- -weird', ['-weird']],
    ['rm a.ts', ['a.ts']],
    ['rmdir empty', ['empty']],
    ['touch -d yesterday a.ts', ['a.ts']],
    ['mkdir -p -m 755 a/b', ['a/b']],
    ['truncate -s 0 log', ['log']],
    ['install -m 644 src.bin /usr/local/bin/x', ['/usr/local/bin/x (r)']],
    ['install -d dir1 dir2', ['dir1', 'dir2']],
    ['ln -sf target link', ['link (r)']],
    ['ln -s ../lib/x.ts', ['x.ts']],
    ['dd if=/dev/zero of=blob bs=1', ['blob']],
    ['sudo -u root touch /etc/x', ['/etc/x']],
    ['env -i FOO=1 rm a', ['a']],
    ['timeout -s KILL 5 rm b', ['b']],
    ['nice -n 5 touch c', ['c']],
    ['FOO=bar BAZ=1 touch d', ['d']],
    ['/usr/bin/rm e', ['e']],
    ['if rm f', ['f']],
    ['ls -la', []],
    ['git commit -am msg', []],
    ['find . -name x -print', []],
  ];
  for (const [command, expected] of cases) {
    it(`${command} → ${expected.join(', ') || 'nothing'}`, () => expect(written(command)).toEqual(expected));
  }

  it('reports what cannot be known before running as unknown', () => {
    const unknown = (command: string) => analyseCommand(wordsOf(command));
    expect(unknown('eval "rm x"')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('eval') });
    expect(unknown('xargs rm')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('xargs') });
    expect(unknown('xargs grep x')).toEqual({ kind: 'writes', writes: [] });
    expect(unknown('find . -delete')).toMatchObject({ kind: 'unknown' });
    expect(unknown('find . -exec rm {} +')).toMatchObject({ kind: 'unknown' });
    expect(unknown('find . -exec grep x {} +')).toEqual({ kind: 'writes', writes: [] });
    expect(unknown('$EDITOR file')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('command name') });
    expect(unknown('env -C /tmp rm x')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('changes directory') });
    expect(unknown('patch -p1')).toMatchObject({ kind: 'unknown' });
    expect(unknown('bash -c "$SCRIPT"')).toMatchObject({ kind: 'unknown' });
  });

  it('hands nested shells, apply_patch and cd back to the caller', () => {
    expect(analyseCommand(wordsOf("bash -lc 'rm x'"))).toMatchObject({ kind: 'shell', script: { text: 'rm x' } });
    expect(analyseCommand(wordsOf("sh -e -c 'rm x'"))).toMatchObject({ kind: 'shell', script: { text: 'rm x' } });
    expect(analyseCommand(wordsOf('bash'))).toEqual({ kind: 'shell-stdin' });
    expect(analyseCommand(wordsOf('bash script.sh'))).toEqual({ kind: 'writes', writes: [] });
    expect(analyseCommand(wordsOf("apply_patch '*** Begin Patch'"))).toMatchObject({ kind: 'apply-patch', patch: { text: '*** Begin Patch' } });
    expect(analyseCommand(wordsOf('cd -P sub'))).toMatchObject({ kind: 'cd', dir: { text: 'sub' } });
  });
});

describe('parseArgs', () => {
  it('handles bundled flags, attached and separate values, and `--`', () => {
    const parsed = parseArgs(wordsOf('-rf -tDIR -S .bak --suffix=x -- -file'), { short: 'tS', long: ['suffix'] });
    expect([...parsed.options.keys()]).toEqual(['r', 'f', 't', 'S', 'suffix']);
    expect(parsed.options.get('t')?.text).toBe('DIR');
    expect(parsed.options.get('S')?.text).toBe('.bak');
    expect(parsed.operands.map((w) => w.text)).toEqual(['-file']);
  });
});
