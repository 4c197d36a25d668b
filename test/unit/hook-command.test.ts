/** `switchyard hook`: Codex's hook protocol, failing closed for writes when Switchyard is away. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHook } from '../../src/cli/hook-command';
import { startControlServer, type ControlServer } from '../../src/core/control/control-server';
import { createRouter, type CommandHandlers } from '../../src/core/router';

const payload = JSON.stringify({ session_id: 's', cwd: '/r', tool_name: 'Bash', tool_input: { command: 'echo hi > a.txt' } });

describe('runHook', () => {
  let server: ControlServer;
  const seen: unknown[] = [];
  let decision: { decision: 'allow' | 'deny'; reason?: string; additionalContext?: string } = { decision: 'allow' };
  const socket = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hook-')), 'c.sock');
  const env = { SWITCHYARD_AGENT_ID: 'agent-1', SWITCHYARD_CONTROL_SOCKET: socket };

  beforeAll(async () => {
    const handlers = new Proxy({} as CommandHandlers, {
      get: (_t, name) =>
        name === 'hook.event'
          ? (input: unknown) => {
              seen.push(input);
              return decision;
            }
          : () => {
              throw new Error('unused');
            },
    });
    server = await startControlServer(createRouter(handlers), socket);
  });
  afterAll(() => server.close());

  it('forwards the hook JSON with the agent id and allows with exit 0', async () => {
    decision = { decision: 'allow' };
    expect(await runHook('codex-pre-tool-use', payload, env)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(seen.at(-1)).toMatchObject({ agentId: 'agent-1', event: 'PreToolUse', payload: { tool_input: { command: 'echo hi > a.txt' } } });
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

  it('fails closed for writes, open for other events, when Switchyard cannot be reached', async () => {
    const away = { ...env, SWITCHYARD_CONTROL_SOCKET: path.join(os.tmpdir(), 'no-such-switchyard.sock') };
    const pre = await runHook('codex-pre-tool-use', payload, away);
    expect(pre.exitCode).toBe(2);
    expect(pre.stderr).toMatch(/not reachable .*file changes are paused/);
    expect((await runHook('codex-stop', '{}', away)).exitCode).toBe(0);
  });

  it('refuses malformed and oversized payloads with a clear reason, without calling Switchyard', async () => {
    const before = seen.length;
    expect(await runHook('codex-pre-tool-use', 'not json', env)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('not a JSON object') });
    expect(await runHook('codex-pre-tool-use', '[1,2]', env)).toMatchObject({ exitCode: 2 });
    expect(await runHook('codex-pre-tool-use', 'x'.repeat(1_000_001), env)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('larger than') });
    expect(seen.length).toBe(before);
  });

  it('does nothing outside a managed agent, and rejects unknown events', async () => {
    expect(await runHook('codex-pre-tool-use', payload, {})).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect((await runHook('codex-teleport', payload, env)).exitCode).toBe(1);
  });
});
