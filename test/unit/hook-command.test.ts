/** The Node hook client: Codex's hook protocol over the hook wire, failing closed for writes when Switchyard is away or too slow. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHook } from '../../src/cli/hook-command';
import { startControlServer, type ControlServer } from '../../src/core/control/control-server';
import type { HookRequest } from '../../src/core/gate/hook-answer';
import { createRouter, type CommandHandlers } from '../../src/core/router';
import type { HookDecision } from '../../src/shared/control';

const payload = JSON.stringify({ session_id: 's', cwd: '/r', tool_name: 'Bash', tool_input: { command: 'echo hi > a.txt' } });
const TOKEN = 'ab'.repeat(16);

describe('runHook (the Node hook client)', () => {
  let server: ControlServer;
  const seen: HookRequest[] = [];
  let decision: HookDecision = { decision: 'allow' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hook-'));
  const socket = path.join(dir, 'c.sock');
  const env = { SWITCHYARD_AGENT_ID: 'agent-1', SWITCHYARD_CONTROL_SOCKET: socket, SWITCHYARD_HOOK_TOKEN: TOKEN };

  beforeAll(async () => {
    const unused = new Proxy({} as CommandHandlers, {
      get: () => () => {
        throw new Error('unused');
      },
    });
    server = await startControlServer(createRouter(unused), socket, {
      hooks: (request) => {
        seen.push(request);
        if (request.token !== TOKEN) throw new Error('this hook is not from the current run of agent "agent-1".');
        return decision;
      },
    });
  });
  afterAll(() => server.close());

  it('forwards the hook JSON with the agent id and token, and allows with exit 0', async () => {
    decision = { decision: 'allow' };
    expect(await runHook('codex-pre-tool-use', payload, env)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(seen.at(-1)).toMatchObject({ agentId: 'agent-1', token: TOKEN, event: 'PreToolUse', payload: { tool_input: { command: 'echo hi > a.txt' } } });
  });

  it('refuses with exit 2 and the reason on stderr', async () => {
    decision = { decision: 'deny', reason: 'a.txt is locked by agent "b".' };
    expect(await runHook('codex-pre-tool-use', payload, env)).toEqual({ exitCode: 2, stdout: '', stderr: 'a.txt is locked by agent "b".\n' });
  });

  it('passes advice to the model as additionalContext on stdout', async () => {
    decision = { decision: 'allow', additionalContext: 'heads up' };
    const outcome = await runHook('codex-pre-tool-use', payload, env);
    expect(outcome.exitCode).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: 'heads up' } });
  });

  it('is refused when its token does not match, for writes only', async () => {
    decision = { decision: 'allow' };
    const forged = { ...env, SWITCHYARD_HOOK_TOKEN: 'cd'.repeat(16) };
    const pre = await runHook('codex-pre-tool-use', payload, forged);
    expect(pre.exitCode).toBe(2);
    expect(pre.stderr).toContain('not from the current run');
    expect(await runHook('codex-stop', '{}', forged)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('fails closed for writes, open for other events, when Switchyard cannot be reached', async () => {
    const away = { ...env, SWITCHYARD_CONTROL_SOCKET: path.join(dir, 'no-such-switchyard.sock') };
    const pre = await runHook('codex-pre-tool-use', payload, away);
    expect(pre.exitCode).toBe(2);
    expect(pre.stderr).toMatch(/not reachable \(ENOENT\).*file changes are paused/);
    expect((await runHook('codex-stop', '{}', away)).exitCode).toBe(0);
  });

  it('waits for a connected but silent Switchyard until its deadline, then refuses the write', async () => {
    const silentPath = path.join(dir, 'silent.sock');
    const silent = net.createServer(() => {
      // Accepts and never answers: a Switchyard too busy to reply.
    });
    await new Promise<void>((resolve) => silent.listen(silentPath, resolve));
    try {
      const busy = { ...env, SWITCHYARD_CONTROL_SOCKET: silentPath, SWITCHYARD_HOOK_DEADLINE_MS: '300' };
      const pre = await runHook('codex-pre-tool-use', payload, busy);
      expect(pre.exitCode).toBe(2);
      expect(pre.stderr).toContain('Switchyard is busy and did not answer within 1 seconds');
      expect((await runHook('codex-post-tool-use', payload, busy)).exitCode).toBe(0);
    } finally {
      silent.close();
    }
  });

  it('refuses malformed and oversized payloads with a clear reason, without asking the core', async () => {
    const before = seen.length;
    expect(await runHook('codex-pre-tool-use', 'not json', env)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('not a JSON object') });
    expect(await runHook('codex-pre-tool-use', '[1,2]', env)).toMatchObject({ exitCode: 2 });
    expect(await runHook('codex-pre-tool-use', 'x'.repeat(1_000_001), env)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('larger than') });
    expect(seen.length).toBe(before);
  });

  it('does nothing outside a managed agent; refuses a write when the agent’s settings are incomplete', async () => {
    expect(await runHook('codex-pre-tool-use', payload, {})).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const noToken = { SWITCHYARD_AGENT_ID: 'agent-1', SWITCHYARD_CONTROL_SOCKET: socket };
    expect(await runHook('codex-pre-tool-use', payload, noToken)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('missing or malformed') });
    expect((await runHook('codex-stop', '{}', noToken)).exitCode).toBe(0);
  });
});
