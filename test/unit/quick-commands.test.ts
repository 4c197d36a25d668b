/** Which calls skip commander: only the plain forms of `status` and `locks`. */
import { describe, expect, it } from 'vitest';
import { quickCommand } from '../../src/cli/quick-commands';

const output = { out: (): void => undefined };

describe('quick commands', () => {
  it('takes status and locks with --repo and --json only', () => {
    for (const args of [
      ['status'],
      ['status', '--json'],
      ['status', '--repo', '/some/repo', '--json'],
      ['status', '--repo=/some/repo'],
      ['locks', '--json', '--repo', 'relative/path'],
    ]) {
      expect(quickCommand(args, output), args.join(' ')).toBeTypeOf('function');
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
      expect(quickCommand(args, output), args.join(' ')).toBeNull();
    }
  });
});
