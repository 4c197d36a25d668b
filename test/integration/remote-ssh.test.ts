/**
 * A remote Switchyard over SSH, against a real sshd on 127.0.0.1 and the real Codex CLI: a
 * repository in its own temp folder with its own runtime directory plays the remote machine
 * (the ssh_config's SetEnv gives its session the environment a remote user would have). The link
 * checks the host, starts the remote `serve` detached, tunnels its WebSocket through a private
 * Unix socket, and survives a killed ssh by reconnecting; the agent it launched keeps running.
 * Needs `npm run build` (the remote side runs out/main/cli.js).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/shared/domain';
import { readInstance } from '../../src/core/instances/instance-registry';
import { RemoteConnection } from '../../src/core/remote/remote-connection';
import { makeCodexHome, type CodexHome } from '../harness/codex-home';
import { connectEndpoint, type HostWsClient } from '../harness/host-clients';
import { addFileStep, startModelServer, type ModelServer } from '../harness/model-server';
import { isAlive, processesOfAgent, waitFor } from '../harness/processes';
import { APP_ROOT } from '../harness/serve-process';
import { sshdMissingForSuite, startSshd, type Sshd } from '../harness/sshd';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const sshdMissing = sshdMissingForSuite('a remote Switchyard over SSH');

describe.skipIf(sshdMissing !== null)('a remote Switchyard over SSH', { timeout: 180_000 }, () => {
  let model: ModelServer;
  let home: CodexHome;
  let repo: TempRepo;
  let sshd: Sshd;
  let remoteRuntime: string;
  let localEnv: NodeJS.ProcessEnv;
  const links: RemoteConnection[] = [];
  const clients: HostWsClient[] = [];

  const link = (target: string, repoPath = repo.dir, probeMs?: number): RemoteConnection => {
    const made = new RemoteConnection(target, repoPath, { appRoot: APP_ROOT, env: localEnv, ...(probeMs === undefined ? {} : { probeMs }) });
    links.push(made);
    return made;
  };
  const invoke = async <T>(client: HostWsClient, name: string, input: unknown): Promise<T> => {
    const answer = (await client.invoke(name, input, 60_000)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message}`);
    return answer.value as T;
  };
  const agents = async (client: HostWsClient): Promise<Agent[]> => (await invoke<{ agents: Agent[] }>(client, 'agents.list', {})).agents;
  const remoteInstance = () => readInstance(repo.dir, { SWITCHYARD_RUNTIME_DIR: remoteRuntime });

  beforeAll(async () => {
    model = await startModelServer();
    home = makeCodexHome(model.baseUrl);
    repo = makeTempRepo();
    sshd = await startSshd();
    remoteRuntime = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-remote-runtime-'));
    // What a user on the remote machine would have in their environment.
    const remoteEnv: Record<string, string> = {
      SWITCHYARD_RUNTIME_DIR: remoteRuntime,
      CODEX_HOME: home.dir,
      ...home.env,
      ...(process.env.SWITCHYARD_CODEX_PATH ? { SWITCHYARD_CODEX_PATH: process.env.SWITCHYARD_CODEX_PATH } : {}),
    };
    const config = sshd.clientConfig([
      { alias: 'build1', env: remoteEnv },
      { alias: 'stranger', unauthorizedKey: true },
      { alias: 'nocodex', env: { ...remoteEnv, SWITCHYARD_CODEX_PATH: path.join(sshd.dir, 'no-codex-here') } },
    ]);
    localEnv = {
      ...process.env,
      SWITCHYARD_SSH_CONFIG: config,
      SWITCHYARD_RUNTIME_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sy-local-runtime-')),
      SWITCHYARD_REMOTE_COMMAND: `${process.execPath} ${path.join(APP_ROOT, 'out', 'main', 'cli.js')}`,
    };
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const made of links) await made.close();
    // The remote serve outlives its links by design: stop it (it stops its agents) as its user would.
    const instance = remoteRuntime ? remoteInstance() : null;
    if (instance) {
      process.kill(instance.pid, 'SIGTERM');
      await waitFor(() => !isAlive(instance.pid), 'the remote serve to exit');
    }
    await sshd?.stop();
    await model?.close();
    home?.remove();
    repo?.remove();
    if (remoteRuntime) fs.rmSync(remoteRuntime, { recursive: true, force: true });
    if (localEnv?.SWITCHYARD_RUNTIME_DIR) fs.rmSync(localEnv.SWITCHYARD_RUNTIME_DIR, { recursive: true, force: true });
  });

  it('connects, runs an agent on the remote repository, and reconnects after ssh dies while the agent keeps running', async () => {
    const remote = link('build1');
    const states: string[] = [];
    remote.onDidChangeState(() => states.push(remote.state));
    expect(remote.label).toBe(`build1:${repo.dir}`);
    await remote.start();
    expect({ state: remote.state, detail: remote.detail }).toEqual({ state: 'connected', detail: null });

    // The remote serve was started for the repository, detached (its own session) with its log in .agents.
    const instance = remoteInstance();
    expect(instance).not.toBeNull();
    expect(remote.remotePid).toBe(instance!.pid);
    expect(execFileSync('ps', ['-o', 'sid=', '-p', String(instance!.pid)], { encoding: 'utf8' }).trim()).toBe(String(instance!.pid));
    expect(repo.exists('.agents/serve.log')).toBe(true);

    const endpoint = remote.endpoint()!;
    const socket = path.join(localEnv.SWITCHYARD_RUNTIME_DIR!, `switchyard-${process.getuid!()}`, 'links', `${remote.id}.sock`);
    expect(endpoint).toEqual({ url: `ws+unix://${socket}:/ws`, host: `127.0.0.1:${instance!.port}`, token: instance!.token });
    expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    // The token travels on ssh's stdout only: on no command line here or there.
    for (const pid of [remote.tunnelPid!, instance!.pid]) {
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(instance!.token);
    }

    const first = await connectEndpoint(endpoint);
    clients.push(first);
    expect(await agents(first)).toEqual([]);
    model.script('remote-agent', [addFileStep('from-remote.txt', 'written on the remote'), { kind: 'message', text: 'done', delayMs: 150_000 }]);
    const { id } = await invoke<{ id: string }>(first, 'agents.launch', { name: 'remote agent', task: 'write it [scenario:remote-agent]' });
    await waitFor(() => repo.exists('from-remote.txt') && repo.read('from-remote.txt') === 'written on the remote\n', 'the remote agent to write its file');
    const running = (await agents(first)).find((a) => a.id === id)!;
    expect(running.pid).not.toBeNull();
    expect(isAlive(running.pid!)).toBe(true);

    // The SSH connection dies: the link says so, reconnects, and tunnels to the same serve.
    const sshPid = remote.tunnelPid!;
    const before = states.length;
    process.kill(sshPid, 'SIGKILL');
    await waitFor(() => states.slice(before).includes('connected') && remote.state === 'connected', 'the link to reconnect', 60_000);
    expect(states.slice(before)).toEqual(['reconnecting', 'connected']);
    await waitFor(() => first.closed, 'the WebSocket through the dead tunnel to close');
    expect(remote.tunnelPid).not.toBe(sshPid);
    expect(remote.endpoint()).toEqual(endpoint);

    // The agent launched before still runs there, and the new tunnel lists it; then it stops through it.
    expect(isAlive(running.pid!)).toBe(true);
    const second = await connectEndpoint(remote.endpoint()!);
    clients.push(second);
    const listed = (await agents(second)).find((a) => a.id === id)!;
    expect(listed).toMatchObject({ id, name: 'remote agent', pid: running.pid });
    expect(['working', 'ready', 'waiting-for-input']).toContain(listed.status);
    const stopped = await invoke<{ status: string }>(second, 'agents.stop', { id });
    expect(stopped.status).toBe('stopped');
    expect(processesOfAgent(id)).toEqual([]);

    // Closing the link ends the tunnel and its socket; the remote serve keeps running.
    const tunnelPid = remote.tunnelPid!;
    await remote.close();
    expect(remote.state).toBe('closed');
    expect(remote.endpoint()).toBeNull();
    expect(isAlive(tunnelPid)).toBe(false);
    expect(fs.existsSync(socket)).toBe(false);
    expect(isAlive(instance!.pid)).toBe(true);

    // A new link finds the running serve instead of starting another.
    const again = link('build1');
    await again.start();
    expect(again.state).toBe('connected');
    expect(again.remotePid).toBe(instance!.pid);
    await again.close();
  });

  it('a login the host refuses, and a host that does not exist, fail with one sentence each', async () => {
    const refused = link('stranger');
    await refused.start();
    const sentence = 'stranger refused the SSH login (permission denied); Switchyard cannot type a password, so give it a key through ssh-agent or your ~/.ssh/config.';
    expect({ state: refused.state, detail: refused.detail }).toEqual({ state: 'failed', detail: sentence });
    expect(refused.endpoint()).toBeNull();
    // Trying again goes through connecting to the same answer (nothing was fixed).
    const seen: string[] = [];
    refused.onDidChangeState(() => seen.push(refused.state));
    await refused.retry();
    expect(seen).toEqual(['connecting', 'failed']);
    expect(refused.detail).toBe(sentence);

    const unknown = link('no-such-host.invalid');
    await unknown.start();
    expect(unknown.state).toBe('failed');
    expect(unknown.detail).toBe('SSH could not find the host no-such-host.invalid; check the name and your ~/.ssh/config.');
  });

  it('a remote host without Codex is reported before anything starts there', async () => {
    const other = makeTempRepo();
    try {
      const remote = link('nocodex', other.dir);
      await remote.start();
      expect(remote.state).toBe('failed');
      expect(remote.detail).toBe(
        'Switchyard on nocodex finds no Codex; install it there (npm install -g @openai/codex) or set SWITCHYARD_CODEX_PATH in its environment.',
      );
      expect(other.exists('.agents/serve.log')).toBe(false);
    } finally {
      other.remove();
    }
  });

  it('notices the remote serve gone while ssh still holds the tunnel, and starts it again', async () => {
    const remote = link('build1', repo.dir, 200);
    await remote.start();
    expect(remote.state).toBe('connected');
    const before = remoteInstance()!;
    const tunnelPid = remote.tunnelPid!;
    const details: (string | null)[] = [];
    remote.onDidChangeState(() => details.push(remote.detail));
    process.kill(before.pid, 'SIGKILL');
    await waitFor(() => !isAlive(before.pid), 'the remote serve to die');
    // ssh itself was fine: only the probes through it could tell.
    await waitFor(() => (remote.state === 'connected' && remote.remotePid !== before.pid ? true : null), 'the link to find a new remote serve', 60_000);
    expect(details).toContain('Switchyard on build1 stopped answering through the tunnel; finding or starting it again.');
    expect(isAlive(tunnelPid)).toBe(false);
    const after = remoteInstance()!;
    expect(after.pid).toBe(remote.remotePid);
    const client = await connectEndpoint(remote.endpoint()!);
    clients.push(client);
    expect(await invoke(client, 'repo.get', {})).toEqual({ repo: repo.dir });
    await remote.close();
  });

  it('a Switchyard that exits without closing its links takes their ssh tunnels with it', async () => {
    // A process like `serve` that ends with process.exit, its link still open.
    const script = [
      `import { RemoteConnection } from ${JSON.stringify(path.join(APP_ROOT, 'src', 'core', 'remote', 'remote-connection.ts'))};`,
      `const link = new RemoteConnection('build1', ${JSON.stringify(repo.dir)}, { appRoot: ${JSON.stringify(APP_ROOT)} });`,
      'await link.start();',
      'console.log(JSON.stringify({ state: link.state, tunnel: link.tunnelPid }));',
      'process.exit(0);',
    ].join('\n');
    const file = path.join(localEnv.SWITCHYARD_RUNTIME_DIR!, 'exits-with-link.mts');
    fs.writeFileSync(file, script);
    const result = spawnSync(process.execPath, ['--import', 'tsx', file], { env: localEnv, encoding: 'utf8', timeout: 120_000, cwd: APP_ROOT });
    expect(result.status).toBe(0);
    const { state, tunnel } = JSON.parse(result.stdout.trim().split('\n').pop()!) as { state: string; tunnel: number };
    expect(state).toBe('connected');
    await waitFor(() => !isAlive(tunnel), 'the tunnel of the exited process to end', 10_000);
  });

  it('the remote serve ends over ssh with `switchyard serve --stop`, as its user would', async () => {
    const instance = remoteInstance();
    expect(instance).not.toBeNull();
    const remoteCommand = localEnv.SWITCHYARD_REMOTE_COMMAND!.split(' ');
    const result = spawnSync('ssh', ['-F', localEnv.SWITCHYARD_SSH_CONFIG!, 'build1', ...remoteCommand, 'serve', '--stop', '--repo', repo.dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 0, stdout: `Stopped the Switchyard for ${repo.dir} (pid ${instance!.pid}).\n` });
    expect(result.stderr).toContain(`Stopping the Switchyard for ${repo.dir} (pid ${instance!.pid}) and its agents…`);
    expect(isAlive(instance!.pid)).toBe(false);
    expect(remoteInstance()).toBeNull();
    // Asked again, it says there is none.
    const again = spawnSync('ssh', ['-F', localEnv.SWITCHYARD_SSH_CONFIG!, 'build1', ...remoteCommand, 'serve', '--stop', '--repo', repo.dir], { encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`No Switchyard is running for ${repo.dir}.`);
  });
});
