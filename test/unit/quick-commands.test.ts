/** Which calls skip commander: only the plain forms of `status` and `locks`, and `--version`. */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickCommand } from '../../src/cli/quick-commands';

const output = { out: (): void => undefined };
const APP_ROOT = path.resolve(__dirname, '..', '..');
/** Any folder outside the app's own: the quick path never touches it. */
const ELSEWHERE = os.tmpdir();

describe('quick commands', () => {
  it('takes status and locks with --repo and --json only', () => {
    for (const args of [
      ['status'],
      ['status', '--json'],
      ['status', '--repo', '/some/repo', '--json'],
      ['status', '--repo=/some/repo'],
      ['locks', '--json', '--repo', 'relative/path'],
    ]) {
      expect(quickCommand(args, output, APP_ROOT, ELSEWHERE), args.join(' ')).toBeTypeOf('function');
    }
  });

  it('leaves help, other commands and anything doubtful to commander', () => {
    for (const args of [
      [],
      ['--help'],
      ['status', '--help'],
      ['status', '-h'],
      ['locks', '--bogus'],
      ['status', 'extra'],
      ['status', '--repo'],
      // commander takes `-x` as the folder; parseArgs would call it ambiguous: commander decides.
      ['status', '--repo', '-x'],
      ['status', '--json=yes'],
      ['launch', '--name', 'a', '--task', 'b'],
      ['lock', 'a.txt'],
      ['hook', 'codex-pre-tool-use'],
    ]) {
      expect(quickCommand(args, output, APP_ROOT, ELSEWHERE), args.join(' ')).toBeNull();
    }
  });

  it('prints the version from package.json', async () => {
    const lines: string[] = [];
    const run = quickCommand(['--version'], { out: (line) => lines.push(line) }, APP_ROOT, ELSEWHERE);
    await run!();
    const { version } = (await import('../../package.json')).default as { version: string };
    expect(lines).toEqual([version]);
    expect(quickCommand(['-V'], output, APP_ROOT, ELSEWHERE)).toBeTypeOf('function');
    expect(quickCommand(['--version', 'extra'], output, APP_ROOT, ELSEWHERE)).toBeNull();
  });

  it("leaves a call without --repo from Switchyard's own folder to commander, which asks for a repository", () => {
    expect(quickCommand(['status'], output, APP_ROOT, APP_ROOT)).toBeNull();
    expect(quickCommand(['locks', '--json'], output, APP_ROOT, path.join(APP_ROOT, 'src'))).toBeNull();
    expect(quickCommand(['status', '--repo', APP_ROOT], output, APP_ROOT, APP_ROOT)).toBeTypeOf('function');
  });
});
