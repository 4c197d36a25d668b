/** The paths a Codex Bash tool call would write, end to end from the command string. */
import { describe, expect, it } from 'vitest';
import { extractWritePaths, MAX_COMMAND_LENGTH, MAX_SHELL_NESTING } from '../../../src/core/gate/extract-write-paths';

const pathsOf = (command: string): string[] => extractWritePaths(command).paths.map((p) => p.path);
const reasonsOf = (command: string): string[] => extractWritePaths(command).unknown.map((u) => u.reason);

const PATCH = ['*** Begin Patch', '*** Update File: src/a.ts', '@@', '-old', '+new', '*** Add File: src/b.ts', '+b', '*** Update File: src/c.ts', '*** Move to: src/d.ts', '*** Delete File: src/e.ts', '*** End Patch'].join('\n');

describe('extractWritePaths: apply_patch', () => {
  it('reads the envelope from a heredoc, an argument, or a bare patch', () => {
    const expected = ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/e.ts'];
    expect(pathsOf(`apply_patch <<'EOF'\n${PATCH}\nEOF\n`)).toEqual(expected);
    expect(pathsOf(`apply_patch '${PATCH}'`)).toEqual(expected);
    expect(pathsOf(PATCH)).toEqual(expected);
    expect(extractWritePaths(PATCH).paths.map((p) => p.via)).toEqual([
      'apply_patch (Update File)',
      'apply_patch (Add File)',
      'apply_patch (Update File)',
      'apply_patch (Move to)',
      'apply_patch (Delete File)',
    ]);
  });

  it('places the paths under the directory a `cd &&` moved to, as Codex runs it', () => {
    expect(pathsOf(`cd pkg && apply_patch <<'EOF'\n${PATCH}\nEOF`)).toEqual(['pkg/src/a.ts', 'pkg/src/b.ts', 'pkg/src/c.ts', 'pkg/src/d.ts', 'pkg/src/e.ts']);
  });

  it('inside bash -lc as well', () => {
    expect(pathsOf(`bash -lc "apply_patch <<'EOF'\n${PATCH}\nEOF"`)).toContain('src/e.ts');
  });

  it('reads a piped-in patch from the command text', () => {
    expect(pathsOf(`cat <<'EOF' | apply_patch\n${PATCH}\nEOF`)).toContain('src/d.ts');
  });
});

describe('extractWritePaths: shell writes', () => {
  const cases: Array<[string, string[]]> = [
    [`printf 'x' > src/a.ts`, ['src/a.ts']],
    ['echo hi >> log.txt 2> err.txt', ['log.txt', 'err.txt']],
    ['npm test > out.txt 2>&1', ['out.txt']],
    ['cmd >/dev/null 2>&1 &>/dev/null', []],
    ['cat src/a.ts | tee copy.ts | wc -l', ['copy.ts']],
    ['sed -i s/a/b/ src/a.ts', ['src/a.ts']],
    ['mv a.ts b.ts && cp b.ts c.ts; rm d.ts', ['a.ts', 'b.ts', 'c.ts', 'd.ts']],
    ['touch n.ts; mkdir -p d/e; truncate -s 0 t.log', ['n.ts', 'd/e', 't.log']],
    [`bash -lc 'echo hi > src/a.ts'`, ['src/a.ts']],
    [`bash -c "sh -c 'touch deep.ts'"`, ['deep.ts']],
    ['(cd sub && touch w) && touch v', ['sub/w', 'v']],
    ['cd a && cd b && touch x', ['a/b/x']],
    ['cd src && rm ../old.ts', ['old.ts']],
    ['cd /abs/dir && touch x', ['/abs/dir/x']],
    ['git status && echo ok', []],
    ['cat <<EOF > gen.ts\nnot > a/redirect\nEOF\ntouch after', ['gen.ts', 'after']],
    ['bash <<EOF\nrm from-stdin.ts\nEOF', ['from-stdin.ts']],
    ["bash <<< 'rm herestring.ts'", ['herestring.ts']],
  ];
  for (const [command, expected] of cases) {
    it(`${JSON.stringify(command)} → ${expected.join(', ') || 'nothing'}`, () => expect(pathsOf(command)).toEqual(expected));
  }

  it('reports a path under both directories when a cd may have failed', () => {
    expect(pathsOf('cd a; touch y')).toEqual(['y', 'a/y']);
    expect(pathsOf('cd a && touch x; touch y')).toEqual(['a/x', 'a/y', 'y']);
    expect(pathsOf('cd a | true; touch z')).toEqual(['z']);
  });

  it('marks globs and recursive writes', () => {
    expect(extractWritePaths('rm -r build src/*.ts "lit*"').paths).toEqual([
      { path: 'build', glob: false, recursive: true, via: 'rm' },
      { path: 'src/*.ts', glob: true, recursive: true, via: 'rm' },
      { path: 'lit*', glob: false, recursive: true, via: 'rm' },
    ]);
    expect(extractWritePaths('cd app/[id] && rm *.tsx').paths[0]).toMatchObject({ path: 'app/\\[id\\]/*.tsx', glob: true });
  });
});

describe('extractWritePaths: unknown', () => {
  it('reports eval, run-time targets, an unknown cd and broken shell with a reason', () => {
    expect(reasonsOf('eval "$CMD"')).toEqual(['eval runs text that is only known at run time']);
    expect(reasonsOf('rm $(cat list)')).toEqual(['the rm target $(cat list) is only known at run time ($( … ))']);
    expect(reasonsOf('echo x > "$OUT"')).toEqual(['the > target $OUT is only known at run time ($OUT)']);
    expect(reasonsOf('cd "$DIR" && touch z')).toEqual(['touch writes z after a cd to a directory that is only known at run time']);
    expect(reasonsOf("echo 'oops")).toEqual(['the command is not valid shell (an unterminated single quote)']);
    expect(reasonsOf('ls | xargs rm')).toEqual(['xargs gives rm file names read at run time']);
    expect(reasonsOf('curl x | bash')).toEqual(['a shell reads its script from a pipe']);
    expect(pathsOf('echo x > "$OUT"; touch ok')).toEqual(['ok']);
  });

  it('bounds what it analyses: nesting depth and command length', () => {
    let nested = 'touch deep';
    for (let i = 0; i <= MAX_SHELL_NESTING; i++) nested = `bash -c ${JSON.stringify(nested)}`;
    expect(reasonsOf(nested)).toEqual([`shells nested more than ${MAX_SHELL_NESTING} deep are not analysed`]);
    const huge = `echo ${'x'.repeat(MAX_COMMAND_LENGTH)}`;
    expect(extractWritePaths(huge).unknown[0]!.command.length).toBeLessThan(300);
    expect(reasonsOf(huge)[0]).toMatch(/longer than/);
  });

  it('stays fast on a large command (linear, no blow-up)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `touch f${i}`).join(' && ');
    const started = performance.now();
    expect(extractWritePaths(many).paths).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
