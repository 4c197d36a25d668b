import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { remotePathWord, runSsh, shellWord, sshArgs, sshFailure, sshSettings } from '../../../src/core/remote/ssh-command';

const OPTIONS = [
  '-o', 'BatchMode=yes',
  '-o', 'ExitOnForwardFailure=yes',
  '-o', 'ServerAliveInterval=5',
  '-o', 'ServerAliveCountMax=3',
  '-o', 'StreamLocalBindUnlink=yes',
  '-o', 'ConnectTimeout=15',
];

describe('the ssh invocation', () => {
  it("uses the user's ssh config unless SWITCHYARD_SSH_CONFIG names another", () => {
    expect(sshSettings({})).toEqual({ ssh: 'ssh', configFile: null });
    expect(sshSettings({ SWITCHYARD_SSH_CONFIG: '/tmp/t/ssh_config' })).toEqual({ ssh: 'ssh', configFile: '/tmp/t/ssh_config' });
  });

  it('passes the options, -F, -p and -l, then the host after "--"', () => {
    const settings = { ssh: 'ssh', configFile: null };
    expect(sshArgs({ user: null, host: 'build1', port: null }, settings)).toEqual([...OPTIONS, '--', 'build1']);
    expect(sshArgs({ user: 'me', host: 'build1', port: 2222 }, { ssh: 'ssh', configFile: '/c' }, ['-N', '-L', '/s.sock:127.0.0.1:9'])).toEqual([
      ...OPTIONS, '-F', '/c', '-p', '2222', '-l', 'me', '-N', '-L', '/s.sock:127.0.0.1:9', '--', 'build1',
    ]);
  });

  it('quotes words for the remote shell; ~/ stays expandable', () => {
    expect(shellWord('/home/me/project')).toBe('/home/me/project');
    expect(shellWord("/srv/it's here")).toBe(`'/srv/it'\\''s here'`);
    expect(shellWord('$(rm -rf /)')).toBe("'$(rm -rf /)'");
    expect(remotePathWord('~/my project')).toBe("~/'my project'");
    expect(remotePathWord('~')).toBe('~');
    expect(remotePathWord('/x/~y')).toBe("'/x/~y'");
  });

  it("turns ssh's own failures into one sentence", () => {
    expect(sshFailure('build1', 'ssh: Could not resolve hostname build1: Name or service not known\r\n')).toBe(
      'SSH could not find the host build1; check the name and your ~/.ssh/config.',
    );
    expect(sshFailure('build1', 'me@build1: Permission denied (publickey).\r\n')).toMatch(/^build1 refused the SSH login \(permission denied\);/);
    expect(sshFailure('build1', 'Host key verification failed.\r\n')).toMatch(/^The host key of build1 is unknown or has changed;/);
    expect(sshFailure('build1', 'ssh: connect to host build1 port 22: Connection refused\r\n')).toBe('Nothing answers SSH on build1 (connection refused).');
    expect(sshFailure('build1', 'ssh: connect to host build1 port 22: Connection timed out\r\n')).toMatch(/^SSH to build1 timed out;/);
    expect(sshFailure('build1', 'Bad owner or permissions on /root/.ssh/config\n')).toBe('SSH to build1 failed: Bad owner or permissions on /root/.ssh/config.');
    expect(sshFailure('build1', '')).toBe('SSH to build1 failed.');
  });
});

describe('runSsh', () => {
  // A stand-in for ssh that never finishes: what a login script waiting for input looks like.
  const hangingSsh = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hanging-ssh-'));
    const file = path.join(dir, 'ssh');
    fs.writeFileSync(file, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    return file;
  };

  it('stops an ssh that takes too long and says why in a sentence', async () => {
    const started = Date.now();
    await expect(runSsh({ host: 'build1', user: null, port: null }, { ssh: hangingSsh(), configFile: null }, 'true', { timeoutMs: 200 })).rejects.toThrow(
      'ssh to build1 did not finish within 1 s (a login script waiting for input, or a stuck remote command), so it was stopped',
    );
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('ends the ssh when its step is aborted (the link was closed)', async () => {
    const abort = new AbortController();
    const running = runSsh({ host: 'build1', user: null, port: null }, { ssh: hangingSsh(), configFile: null }, 'true', { signal: abort.signal });
    abort.abort();
    expect((await running).signal).toBe('SIGTERM');
  });
});
