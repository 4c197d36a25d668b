/**
 * `switchyard connect HOST --repo PATH` as a user runs it, against a real sshd standing in for
 * the remote machine (harness/remote-host.ts): the running `serve` here adds the SSH link, the
 * command prints the link's steps while it connects, then the address, and a socket opened with
 * that address's connection reaches the Switchyard serving the repository over there.
 * Needs `npm run build` (the remote side runs out/main/cli.js).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectWs } from '../harness/host-clients';
import { startRemoteHost, type RemoteHost } from '../harness/remote-host';
import { APP_ROOT, cliEnv, startServe, type ServeProcess } from '../harness/serve-process';
import { sshdMissingForSuite } from '../harness/sshd';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const sshdMissing = sshdMissingForSuite('switchyard connect to an SSH host');

describe.skipIf(sshdMissing !== null)('switchyard connect to an SSH host', { timeout: 120_000 }, () => {
  let codexHome: CodexHome;
  let remote: RemoteHost;
  let remoteRepo: TempRepo;
  let homeRepo: TempRepo;
  let homeServe: ServeProcess;

  beforeAll(async () => {
    // No agent runs in this test: Codex must only be found there, not answered.
    codexHome = makeCodexHome('http://127.0.0.1:9/v1');
    remote = await startRemoteHost(codexHome);
    remoteRepo = makeTempRepo();
    homeRepo = makeTempRepo();
    homeServe = await startServe(homeRepo.dir, cliEnv(remote.localEnv));
  }, 60_000);
  afterAll(async () => {
    await homeServe?.stop();
    await remote?.stop(remoteRepo ? [remoteRepo.dir] : []);
    remoteRepo?.remove();
    homeRepo?.remove();
    codexHome?.remove();
  });

  it('waits while the link checks the host, starts the serve there and opens the tunnel, then prints the address that reaches it', async () => {
    const result = await homeServe.cli('connect', 'build1', '--repo', remoteRepo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Connected build1:${remoteRepo.dir} (connected). Open ${homeServe.url}&connection=c1\n`);
    const instance = remote.instance(remoteRepo.dir);
    expect(instance).not.toBeNull();
    // The steps as the command saw them: it reads the list four times a second, so a step quicker
    // than that may go unseen; the first is always said, and none out of order.
    const steps = [
      'Checking that build1 has Node, git, Codex and Switchyard…',
      `Finding or starting Switchyard for ${remoteRepo.dir} on build1…`,
      `Opening the SSH tunnel to Switchyard's port ${instance!.port} on build1…`,
    ];
    const said = result.stderr.split('\n').filter(Boolean);
    expect(said[0]).toBe(steps[0]);
    expect(said.map((line) => steps.indexOf(line))).toEqual(steps.map((_, index) => index).filter((index) => said.includes(steps[index]!)));

    const far = await connectWs(homeServe, { connection: 'c1' });
    try {
      expect(await far.invoke('repo.get', {})).toEqual({ ok: true, value: { repo: remoteRepo.dir } });
    } finally {
      far.close();
    }
    // Again: the same connection, already connected.
    const again = await homeServe.cli('connect', 'build1', '--repo', remoteRepo.dir);
    expect(again).toEqual({ code: 0, stdout: result.stdout, stderr: '' });
  });

  it('with no Switchyard running here, starts one in the foreground whose connection reaches the remote serve already running', async () => {
    const running = remote.instance(remoteRepo.dir);
    expect(running).not.toBeNull();
    const env = cliEnv(remote.localEnv);
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'switchyard.js'), 'connect', 'build1', '--repo', remoteRepo.dir], { env, cwd: APP_ROOT });
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
      expect(line).toMatch(new RegExp(`^Connected build1:${remoteRepo.dir} \\(connected\\)\\. Open http://127\\.0\\.0\\.1:\\d+/\\?token=[\\w-]+&connection=c1\\n$`));
      expect(stderr).toContain('Checking that build1 has Node, git, Codex and Switchyard…\n');
      expect(stderr).toContain('No Switchyard was running here: this one serves the connection until Ctrl-C.');
      const url = /Open (\S+)/.exec(line)![1]!;
      const started = { ...homeServe, url: url.replace(/&connection=c1$/, ''), port: Number(new URL(url).port) };
      const far = await connectWs(started, { connection: 'c1' });
      try {
        expect(await far.invoke('repo.get', {})).toEqual({ ok: true, value: { repo: remoteRepo.dir } });
      } finally {
        far.close();
      }
      // The same remote serve: found, not started again.
      expect(remote.instance(remoteRepo.dir)?.pid).toBe(running!.pid);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
