/** The shell tokenizer: quotes, operators, redirections, here-documents, run-time values. */
import { describe, expect, it } from 'vitest';
import { tokenizeShell, type ShellToken, type Word } from '../../../src/core/gate/shell-tokenizer';

const words = (script: string): string[] =>
  tokenizeShell(script).tokens.filter((t): t is Word => t.kind === 'word').map((w) => w.text);
const shape = (t: ShellToken): string => (t.kind === 'word' ? `w:${t.text}` : t.kind === 'op' ? `op:${t.op}` : `r:${t.fd ?? ''}${t.op}${t.target?.text ?? ''}`);
const shapes = (script: string): string[] => tokenizeShell(script).tokens.map(shape);

describe('tokenizeShell', () => {
  it('removes quotes the way the shell does', () => {
    expect(words(`echo 'a b' "c d" e\\ f "x\\"y" 'it'\\''s' $'tab\\there'`)).toEqual(['echo', 'a b', 'c d', 'e f', 'x"y', "it's", 'tab\there']);
    expect(words(`printf ''`)).toEqual(['printf', '']);
  });

  it('splits operators and keeps file descriptors with their redirection', () => {
    expect(shapes('a && b || c; d | e |& f & g')).toEqual(['w:a', 'op:&&', 'w:b', 'op:||', 'w:c', 'op:;', 'w:d', 'op:|', 'w:e', 'op:|&', 'w:f', 'op:&', 'w:g']);
    expect(shapes('cmd 2>err.log >>out 2>&1 &>all <in')).toEqual(['w:cmd', 'r:2>err.log', 'r:>>out', 'r:2>&1', 'r:&>all', 'r:<in']);
    expect(shapes('echo x>y')).toEqual(['w:echo', 'w:x', 'r:>y']);
    expect(shapes('(cd a && b) > log')).toEqual(['op:(', 'w:cd', 'w:a', 'op:&&', 'w:b', 'op:)', 'r:>log']);
  });

  it('reads here-document bodies up to their delimiter (also with <<- and quoted delimiters)', () => {
    const { tokens } = tokenizeShell("cat <<'EOF' > out.txt\nline $x\n  EOF\nEOF\necho after\ncat <<-END\n\tbody\n\tEND\n");
    const heredocs = tokens.filter((t) => t.kind === 'redirect' && t.body !== null);
    expect(heredocs.map((t) => (t.kind === 'redirect' ? t.body : null))).toEqual(['line $x\n  EOF', '\tbody']);
    expect(words("cat <<'EOF' > out.txt\nline $x\nEOF\necho after")).toEqual(['cat', 'echo', 'after']);
  });

  it('flags values that exist only at run time', () => {
    const dynamic = (script: string) => tokenizeShell(script).tokens.filter((t): t is Word => t.kind === 'word').map((w) => w.dynamic);
    expect(dynamic('rm $(cat list) `ls` "$HOME/x" ${X:-y} ~/f $((1+2)) plain "quoted"')).toEqual([
      null,
      '$( … )',
      '` … `',
      '$HOME',
      '${ … }',
      '~ (a home directory)',
      '$(( … ))',
      null,
      null,
    ]);
  });

  it('marks unquoted glob syntax and escapes quoted glob characters in the pattern', () => {
    const [, a, b, c] = tokenizeShell(`rm src/*.ts "lit*.ts" {a,b}.md`).tokens as Word[];
    expect([a!.glob, a!.pattern]).toEqual([true, 'src/*.ts']);
    expect([b!.glob, b!.pattern]).toEqual([false, 'lit\\*.ts']);
    expect(c!.glob).toBe(true);
  });

  it('skips comments and joins continued lines', () => {
    expect(words('echo a # rm -rf /\necho b \\\n c')).toEqual(['echo', 'a', 'echo', 'b', 'c']);
  });

  it('reports broken shell instead of guessing', () => {
    expect(tokenizeShell(`echo 'open`).error).toMatch(/unterminated single quote/);
    expect(tokenizeShell(`echo "open`).error).toMatch(/unterminated double quote/);
    expect(tokenizeShell('echo $(open').error).toMatch(/unterminated \$\(/);
    expect(tokenizeShell('echo >').error).toMatch(/without a target/);
    expect(tokenizeShell('echo fine').error).toBeNull();
  });
});
