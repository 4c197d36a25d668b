/**
 * Connections between two real `serve`s on this machine (issue 16): `switchyard connect` adds the
 * other repository's Switchyard to the running one, whose host then carries a socket opened with
 * `&connection=ID` to it; and when none runs, connect starts one without a repository.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWs } from '../harness/host-clients';
import { APP_ROOT, cliEnv, runCli, startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

describe('switchyard connect', () => {
  let home: TempRepo;
  let other: TempRepo;
  let homeServe: ServeProcess;
  let otherServe: ServeProcess;

  beforeAll(async () => {
    home = makeTempRepo();
    other = makeTempRepo();
    const env = cliEnv();
    otherServe = await startServe(other.dir, env);
    homeServe = await startServe(home.dir, env);
  });
  afterAll(async () => {
    await homeServe?.stop();
    await otherServe?.stop();
    home?.remove();
    other?.remove();
  });

  it('adds a repository served by another Switchyard to the running one and prints the address that opens it', async () => {
    const result = await homeServe.cli('connect', '--repo', path.join(other.dir));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Connected ${other.dir} (connected). Open ${homeServe.url}&connection=c1\n`);
    // Again: the same connection.
    expect((await homeServe.cli('connect', '--repo', other.dir)).stdout).toContain('&connection=c1\n');
  });

  it('carries a socket opened with &connection=ID to the other core, and lists the connection on the window’s own', async () => {
    const far = await connectWs(homeServe, { connection: 'c1' });
    const own = await connectWs(homeServe);
    try {
      expect(await far.invoke('repo.get', {})).toEqual({ ok: true, value: { repo: other.dir } });
      expect(await own.invoke('repo.get', {})).toEqual({ ok: true, value: { repo: home.dir } });
      expect(await own.invoke('connections.list', {})).toEqual({
        ok: true,
        value: {
          connections: [
            { id: 'local', label: home.dir, kind: 'local', state: 'connected', detail: null },
            { id: 'c1', label: other.dir, kind: 'instance', state: 'connected', detail: null },
          ],
        },
      });
    } finally {
      far.close();
      own.close();
    }
    await expect(connectWs(homeServe, { connection: 'c9' })).rejects.toThrow('HTTP 404');
  });

  it('fails with ssh’s reason for a host that does not exist, and says a repository nobody serves needs a serve first', async () => {
    const remote = await homeServe.cli('connect', 'me@far.invalid:2222', '--repo', '/srv/repo');
    expect(remote.code).toBe(1);
    // The steps on stderr, then the one sentence; nothing on stdout.
    expect(remote.stdout).toBe('');
    expect(remote.stderr).toBe(
      'Checking that far.invalid has Node, git, Codex and Switchyard…\n' +
        'switchyard: SSH could not find the host far.invalid; check the name and your ~/.ssh/config.\n',
    );
    // Listed as failed with that sentence, for the window's switcher to show (and retry).
    const own = await connectWs(homeServe);
    try {
      expect(await own.invoke('connections.list', {})).toMatchObject({
        ok: true,
        value: {
          connections: [
            { id: 'local' },
            { id: 'c1' },
            {
              id: 'c2',
              label: 'me@far.invalid:2222:/srv/repo',
              kind: 'remote',
              state: 'failed',
              detail: 'SSH could not find the host far.invalid; check the name and your ~/.ssh/config.',
            },
          ],
        },
      });
    } finally {
      own.close();
    }
    const nobody = makeTempRepo();
    try {
      const result = await homeServe.cli('connect', '--repo', nobody.dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`No Switchyard is running for ${nobody.dir} on this machine. Start one with \`switchyard serve --repo ${nobody.dir}\``);
    } finally {
      nobody.remove();
    }
  });

  it('with no Switchyard running here, starts one without a repository in the foreground and adds the connection to it', async () => {
    // A runtime directory of its own where only the other repository's serve is registered.
    const env = cliEnv();
    const lone = await startServe(other.dir, env);
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'switchyard.js'), 'connect', '--repo', other.dir], { env, cwd: APP_ROOT });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (data: Buffer) => {
          stdout += data.toString();
          if (stdout.includes('\n')) resolve(stdout);
        });
        child.once('exit', (code) => reject(new Error(`connect exited with ${code}: ${stderr}`)));
      });
      expect(line).toMatch(new RegExp(`^Connected ${other.dir} \\(connected\\)\\. Open http://127\\.0\\.0\\.1:\\d+/\\?token=[\\w-]+&connection=c1\\n$`));
      expect(stderr).toContain('No Switchyard was running here: this one serves the connection until Ctrl-C.');
      const url = /Open (\S+)/.exec(line)![1]!;
      const port = Number(new URL(url).port);
      expect(port).not.toBe(lone.port);
      // Its own core has no repository; the connection reaches the other one.
      const started = { ...lone, url: url.replace(/&connection=c1$/, ''), port };
      const far = await connectWs(started, { connection: 'c1' });
      try {
        expect(await far.invoke('repo.get', {})).toEqual({ ok: true, value: { repo: other.dir } });
      } finally {
        far.close();
      }
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await lone.stop();
    }
  });

  it('fails with ssh’s reason for a host that does not exist when no Switchyard runs here either, and stops the one it started', async () => {
    const result = await runCli(cliEnv(), ['connect', 'far.invalid', '--repo', '/srv/repo']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Checking that far.invalid has Node, git, Codex and Switchyard…\n' +
        'switchyard: SSH could not find the host far.invalid; check the name and your ~/.ssh/config.\n',
    );
  });
});
