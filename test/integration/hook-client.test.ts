/**
 * The native hook client (out/hook-client/switchyard-hook, built by `npm run build`), run as
 * Codex runs it (`bash -c '<client> codex-<event>'`, payload on stdin), against a real control
 * server: allow, refuse with the reason on stderr, a forged token refused by a real core, and
 * every way Switchyard can be missing or slow. Deadlines are shortened through the environment.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlServer, type ControlServer } from '../../src/core/control/control-server';
import type { HookRequest } from '../../src/core/gate/hook-answer';
import { nativeHookClientPath } from '../../src/core/gate/hook-command-line';
import { Orchestrator } from '../../src/core/orchestrator';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import type { HookDecision } from '../../src/shared/control';
import { APP_ROOT } from '../harness/hooked-core';
import { waitFor } from '../harness/processes';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const CLIENT = nativeHookClientPath(APP_ROOT);
const TOKEN = '5a'.repeat(16);
const payload = JSON.stringify({ session_id: 's', cwd: '/r', tool_name: 'Bash', tool_input: { command: 'echo hi > a.txt' } });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An empty HOME: bash reads ~/.bashrc when its stdin is a socket, as Node's pipes are. */
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hookc-home-'));

/** Runs the client the way Codex 0.169 does: one plain exec inside `bash -c`. */
function runClient(event: string, env: Record<string, string>, stdin = payload): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', `${CLIENT} ${event}`], { env: { PATH: process.env.PATH ?? '', HOME, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

describe('the native hook client', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hookc-'));
  const socket = path.join(dir, 'control.sock');
  const env = { SWITCHYARD_AGENT_ID: 'agent-1', SWITCHYARD_CONTROL_SOCKET: socket, SWITCHYARD_HOOK_TOKEN: TOKEN };
  let server: ControlServer;
  const seen: HookRequest[] = [];
  let decision: HookDecision = { decision: 'allow' };

  beforeAll(async () => {
    if (!fs.existsSync(CLIENT)) throw new Error(`${CLIENT} is missing: run \`npm run build\` (it needs a C compiler).`);
    server = await startControlServer(createRouter({} as never), socket, {
      hooks: (request) => {
        seen.push(request);
        if (request.token !== TOKEN) throw new Error('this hook is not from the current run of agent "agent-1".');
        return decision;
      },
    });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(HOME, { recursive: true, force: true });
  });

  it('forwards the event, agent, token and payload, and allows with exit 0', async () => {
    decision = { decision: 'allow' };
    expect(await runClient('codex-pre-tool-use', env)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(seen.at(-1)).toEqual({ agentId: 'agent-1', token: TOKEN, event: 'PreToolUse', payload: JSON.parse(payload) });
  });

  it('refuses with exit 2 and the core’s reason on stderr; relays advice on stdout', async () => {
    decision = { decision: 'deny', reason: 'Switchyard refused this write: a.txt is locked by agent "b".' };
    expect(await runClient('codex-pre-tool-use', env)).toEqual({ code: 2, stdout: '', stderr: 'Switchyard refused this write: a.txt is locked by agent "b".\n' });
    decision = { decision: 'allow', additionalContext: 'heads up' };
    const advised = await runClient('codex-pre-tool-use', env);
    expect(advised.code).toBe(0);
    expect(JSON.parse(advised.stdout)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: 'heads up' } });
  });

  it('is refused when its token does not match; a non-write event is never blocked', async () => {
    decision = { decision: 'allow' };
    const forged = { ...env, SWITCHYARD_HOOK_TOKEN: 'cd'.repeat(16) };
    const pre = await runClient('codex-pre-tool-use', forged);
    expect(pre.code).toBe(2);
    expect(pre.stderr).toContain('not from the current run of agent "agent-1"');
    expect(await runClient('codex-stop', forged, '{}')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses at once when there is no Switchyard: no socket, or a socket whose process died', async () => {
    const missing = await runClient('codex-pre-tool-use', { ...env, SWITCHYARD_CONTROL_SOCKET: path.join(dir, 'none.sock') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not reachable \(No such file or directory\); file changes are paused/);

    // A listener killed with SIGKILL leaves its socket file behind: connecting is refused.
    const stale = path.join(dir, 'stale.sock');
    const holder = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => console.log('up'))`]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('close', resolve));
    expect(fs.existsSync(stale)).toBe(true);
    const dead = await runClient('codex-pre-tool-use', { ...env, SWITCHYARD_CONTROL_SOCKET: stale, SWITCHYARD_HOOK_DEADLINE_MS: '60000' });
    expect(dead.code).toBe(2);
    expect(dead.stderr).toContain('not reachable (Connection refused)');
    expect((await runClient('codex-stop', { ...env, SWITCHYARD_CONTROL_SOCKET: stale }, '{}')).code).toBe(0);
  });

  it('waits for a Switchyard that accepts but never answers, then refuses at its deadline; other events go on', async () => {
    const silentPath = path.join(dir, 'silent.sock');
    const silent = net.createServer(() => {
      // Accepts and never answers.
    });
    await new Promise<void>((resolve) => silent.listen(silentPath, resolve));
    try {
      const busy = { ...env, SWITCHYARD_CONTROL_SOCKET: silentPath, SWITCHYARD_HOOK_DEADLINE_MS: '400' };
      const pre = await runClient('codex-pre-tool-use', busy);
      expect(pre).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('Switchyard is busy and did not answer within 1 seconds') });
      expect(await runClient('codex-user-prompt-submit', busy, '{}')).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      silent.close();
    }
  });

  it('does nothing outside a managed agent; refuses oversized payloads and incomplete settings', async () => {
    const before = seen.length;
    expect(await runClient('codex-pre-tool-use', {})).toEqual({ code: 0, stdout: '', stderr: '' });
    const big = await runClient('codex-pre-tool-use', env, 'x'.repeat(1_000_001));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('larger than 1000000 bytes');
    const noToken = await runClient('codex-pre-tool-use', { SWITCHYARD_AGENT_ID: 'agent-1', SWITCHYARD_CONTROL_SOCKET: socket });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('missing or malformed');
    expect(seen.length).toBe(before);
  });

  describe('against a real core', () => {
    let repo: TempRepo;
    let core: Orchestrator;
    let coreServer: ControlServer;
    const coreSocket = path.join(dir, 'core.sock');
    const tokenFile = path.join(dir, 'tokens.txt');
    const notifications: string[] = [];
    /** Stands in for Codex: records the hook token its run was given, then waits to be stopped. */
    const fakeCodex = path.join(dir, 'fake-codex');
    const tokens = (): string[] => (fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim().split('\n') : []);

    beforeAll(async () => {
      fs.writeFileSync(fakeCodex, '#!/bin/sh\nprintf "%s\\n" "$SWITCHYARD_HOOK_TOKEN" >> "$SY_TOKEN_FILE"\nexec sleep 600\n', { mode: 0o755 });
      repo = makeTempRepo();
      core = new Orchestrator({
        appRoots: [dir],
        codexPath: fakeCodex,
        env: { ...process.env, SY_TOKEN_FILE: tokenFile },
        hookCommand: [CLIENT],
        hookFallbackReason: 'Agents’ hooks run on Node (test).',
        controlSocket: coreSocket,
      });
      core.events.on('notification', (n) => notifications.push(`${n.kind}:${n.title}`));
      await core.openRepo(repo.dir);
      coreServer = await startControlServer(createRouter(orchestratorHandlers(core)), coreSocket, { hooks: (request) => core.answerHook(request) });
    });
    afterAll(async () => {
      await coreServer.close();
      await core.dispose(true);
      repo.remove();
    });

    it('refuses a write from an agent it did not start (no token of its own)', async () => {
      const pre = await runClient('codex-pre-tool-use', { ...env, SWITCHYARD_CONTROL_SOCKET: coreSocket });
      expect(pre.code).toBe(2);
      expect(pre.stderr).toContain('this hook is not from the current run of agent "agent-1" in this Switchyard');
      expect((await runClient('codex-stop', { ...env, SWITCHYARD_CONTROL_SOCKET: coreSocket }, '{}')).code).toBe(0);
    });

    it('answers only the agent’s current run: a stopped run’s token, and then a resumed run’s old one, are refused', async () => {
      const id = core.launch({ name: 'fenced', task: 'write f.txt' }).id;
      await waitFor(() => tokens().length === 1, 'the first run to start');
      const [first] = tokens();
      const as = (token: string) => ({ SWITCHYARD_AGENT_ID: id, SWITCHYARD_CONTROL_SOCKET: coreSocket, SWITCHYARD_HOOK_TOKEN: token });
      const writeF = JSON.stringify({ session_id: 'session-1', cwd: repo.dir, tool_name: 'Bash', tool_input: { command: 'echo a > f.txt' } });

      // A session's start is answered with the roster (who else works here) as additional context.
      expect(await runClient('codex-session-start', as(first!), JSON.stringify({ session_id: 'session-1' }))).toEqual({
        code: 0,
        stdout: expect.stringContaining('"hookEventName":"SessionStart","additionalContext":"Switchyard: you are agent \\"fenced\\"'),
        stderr: '',
      });
      expect(await runClient('codex-pre-tool-use', as(first!), writeF)).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(core.whoHolds('f.txt')).toEqual([expect.objectContaining({ agentId: id })]);
      // The token is the run's secret: nothing the core lists or announces carries it.
      expect(JSON.stringify(core.list())).not.toContain(first!);
      expect(notifications.filter((n) => n.includes('run on Node'))).toEqual(['problem:Hooks run on Node']);

      await core.stop(id, true);
      const afterStop = await runClient('codex-pre-tool-use', as(first!), writeF);
      expect(afterStop.code).toBe(2);
      expect(afterStop.stderr).toContain(`agent "${id}" has stopped; a process it left behind may not change files.`);

      await waitFor(() => core.list().find((a) => a.id === id)?.sessionId === 'session-1', 'the session id to be recorded');
      core.resume(id);
      await waitFor(() => tokens().length === 2, 'the resumed run to start');
      const second = tokens()[1]!;
      expect(second).not.toBe(first);
      const stale = await runClient('codex-pre-tool-use', as(first!), writeF);
      expect(stale.code).toBe(2);
      expect(stale.stderr).toContain(`not from the current run of agent "${id}"`);
      expect(await runClient('codex-pre-tool-use', as(second), writeF)).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(notifications.filter((n) => n.includes('run on Node'))).toHaveLength(1);
      await core.stop(id, true);
    });
  });
});
