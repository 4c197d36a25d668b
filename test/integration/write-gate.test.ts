/**
 * Enforced locks with real Codex agents: the PreToolUse hook asks Switchyard before each write, a
 * write to a file another agent holds is refused with a reason the model reads, and the file is
 * unchanged. Also claim-on-write, the advise and observe modes, and the MCP claim tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/shared/domain';
import { exchangeHookRequest } from '../../src/core/gate/hook-exchange';
import { encodeHookRequest } from '../../src/core/gate/hook-wire';
import { APP_ROOT, startAgentsFixture, type AgentsFixture, type HookedCore } from '../harness/hooked-core';
import { addFileStep, type ModelServer, type ScenarioStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import type { TempRepo } from '../harness/temp-repo';

const shellWrite = (file: string, text: string): ScenarioStep => ({ kind: 'exec', cmd: `echo ${text} > ${file}` });

describe('the write gate', () => {
  let model: ModelServer;
  let repo: TempRepo;
  let hooked: HookedCore;
  let fixture: AgentsFixture;
  const agent = (id: string): Agent => fixture.agent(id);
  const launch = (name: string, scenario: string, extra: Record<string, unknown> = {}): string => fixture.launch(name, scenario, extra);

  beforeEach(async () => {
    fixture = await startAgentsFixture();
    ({ model, repo, hooked } = fixture);
  });
  afterEach(() => fixture.close());

  it('refuses B’s apply_patch and shell write to A’s claimed src/a.ts, tells B’s model why, and keeps A’s content', async () => {
    model.script('owner', [addFileStep('src/a.ts', 'export const a = "A";'), { kind: 'message', text: 'owner idles', delayMs: 60_000 }]);
    const patchOverA = `apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: src/a.ts\n@@\n-export const a = "A";\n+export const a = "B";\n*** End Patch\nEOF\n`;
    model.script('intruder', [
      { kind: 'exec', cmd: patchOverA },
      { kind: 'exec', cmd: `printf 'export const a = "B";\\n' > src/a.ts` },
      { kind: 'message', text: 'gave up' },
    ]);
    const owner = launch('owner', 'owner', { claims: ['src/a.ts'] });
    await waitFor(() => repo.exists('src/a.ts'), 'A to write src/a.ts');
    expect(hooked.core.whoHolds('src/a.ts')).toEqual([expect.objectContaining({ agentId: owner, mode: 'exclusive' })]);

    const intruder = launch('intruder', 'intruder');
    await waitFor(() => agent(intruder).completedTurns === 1, 'the intruder to finish its turn');
    expect(repo.read('src/a.ts')).toBe('export const a = "A";\n');
    const seen = model.lastInput('intruder');
    expect(seen.match(/Switchyard refused this write/g)).toHaveLength(2);
    expect(seen).toContain(`src/a.ts is locked by agent \\"${owner}\\"`);
    const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8');
    expect(log.match(/"event":"write-refused"/g)).toHaveLength(2);
  });

  it('claims a file on write, so a second agent cannot overwrite it; shell redirections are gated too', async () => {
    model.script('first-writer', [shellWrite('notes.txt', 'first'), { kind: 'message', text: 'wrote notes' }]);
    model.script('second-writer', [shellWrite('notes.txt', 'second'), { kind: 'message', text: 'could not' }]);
    const first = launch('first-writer', 'first-writer');
    await waitFor(() => agent(first).completedTurns === 1, 'the first writer');
    expect(repo.read('notes.txt')).toBe('first\n');
    expect(hooked.core.whoHolds('notes.txt')).toEqual([expect.objectContaining({ agentId: first, mode: 'exclusive' })]);

    const second = launch('second-writer', 'second-writer');
    await waitFor(() => agent(second).completedTurns === 1, 'the second writer');
    expect(repo.read('notes.txt')).toBe('first\n');
    expect(model.lastInput('second-writer')).toContain('notes.txt is locked by agent');
  });

  it('in advise mode lets the write through and tells the model; in observe mode only records it', async () => {
    hooked.core.claimLocks(undefined, ['user-owned.txt'], {});
    await waitFor(() => hooked.core.listLocks().claims.length === 1, 'the user claim');
    hooked.core.updateSettings({ gateMode: 'advise' });
    model.script('adviser', [shellWrite('user-owned.txt', 'advised'), { kind: 'message', text: 'ok' }]);
    const adviser = launch('adviser', 'adviser');
    await waitFor(() => agent(adviser).completedTurns === 1, 'the advised agent');
    expect(repo.read('user-owned.txt')).toBe('advised\n');
    // Codex hands the hook's additionalContext to the model.
    expect(model.lastInput('adviser')).toContain('this call writes files other agents hold');

    hooked.core.updateSettings({ gateMode: 'observe' });
    model.script('observed', [shellWrite('user-owned.txt', 'observed'), { kind: 'message', text: 'ok' }]);
    const observed = launch('observed', 'observed');
    await waitFor(() => agent(observed).completedTurns === 1, 'the observed agent');
    expect(repo.read('user-owned.txt')).toBe('observed\n');
    // (Every agent hears from Switchyard at its start, the roster; the gate itself says nothing.)
    expect(model.lastInput('observed')).not.toContain('this call writes files other agents hold');
    expect(model.lastInput('observed')).not.toContain('is locked by');
    const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8');
    expect(log.match(/"event":"write-violation"/g)).toHaveLength(2);
  });

  it('hears only the events it registers (no PostToolUse), and answers only the agent’s own run', async () => {
    model.script('counted', [shellWrite('counted.txt', 'one'), { kind: 'exec', cmd: 'ls', login: false }, { kind: 'message', text: 'counted', delayMs: 60_000 }]);
    const counted = launch('counted', 'counted');
    await waitFor(() => repo.exists('counted.txt') && model.requestCount('counted') >= 3, 'both tool calls');
    await waitFor(() => {
      const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8');
      return log.split('\n').filter((l) => l.includes('"event":"hook"') && l.includes(`"id":"${counted}"`) && l.includes('PreToolUse')).length === 2;
    }, 'the two gated calls to be recorded');
    const hooks = fs
      .readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"event":"hook"') && l.includes(`"id":"${counted}"`))
      .map((l) => (JSON.parse(l) as { hook: string }).hook);
    expect(hooks).toEqual(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PreToolUse']);

    // A hook request that names the agent but does not carry its run's token is refused.
    const payload = Buffer.from(JSON.stringify({ cwd: repo.dir, tool_name: 'Bash', tool_input: { command: 'echo x > counted.txt' } }));
    const forged = await exchangeHookRequest(
      hooked.control.path,
      encodeHookRequest({ agentId: counted, token: 'ab'.repeat(16), event: 'codex-pre-tool-use' }, payload),
      10_000,
    );
    expect(forged).toEqual({ kind: 'reply', outcome: { exitCode: 2, stdout: '', stderr: expect.stringContaining(`not from the current run of agent "${counted}"`) } });
    expect(repo.read('counted.txt')).toBe('one\n');
  });

  it('releases an ended agent’s claims after the lock-delay', async () => {
    model.script('brief', [{ kind: 'message', text: 'done quickly' }]);
    const brief = launch('brief', 'brief', { claims: ['src/'] });
    await waitFor(() => hooked.core.listLocks().claims.some((c) => c.agentId === brief), 'the claim');
    await waitFor(() => agent(brief).completedTurns === 1, 'the turn');
    await hooked.core.stop(brief, false);
    expect(hooked.core.listLocks().claims[0]?.releasingAt).not.toBeNull();
    await waitFor(() => hooked.core.listLocks().claims.length === 0, 'the lock-delay to pass', 5_000);
  });

  it('serves claim_paths, who_holds, list_claims and release_paths to an MCP client over the real `switchyard mcp`', async () => {
    model.script('mcp-holder', [{ kind: 'message', text: 'idle', delayMs: 60_000 }]);
    const holder = launch('mcp-holder', 'mcp-holder');
    await waitFor(() => agent(holder).pid !== null, 'the agent to start');
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [path.join(APP_ROOT, 'out', 'main', 'mcp.js')],
        env: { SWITCHYARD_AGENT_ID: holder, SWITCHYARD_CONTROL_SOCKET: hooked.control.path, PATH: process.env.PATH ?? '' },
      }),
    );
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(tools).toEqual(['claim_paths', 'list_agents', 'list_claims', 'read_messages', 'release_paths', 'send_message', 'who_holds']);
      const text = (result: unknown): string => ((result as { content: Array<{ text: string }> }).content[0]?.text ?? '');

      const claimed = JSON.parse(text(await client.callTool({ name: 'claim_paths', arguments: { paths: ['lib/', 'docs/*.md'] } }))) as {
        granted: Array<{ pattern: string; token: number }>;
      };
      expect(claimed.granted.map((c) => c.pattern).sort()).toEqual(['docs/*.md', 'lib']);
      const tokens = claimed.granted.map((c) => c.token);
      expect(new Set(tokens).size).toBe(2);

      const who = JSON.parse(text(await client.callTool({ name: 'who_holds', arguments: { path: 'lib/a/b.ts' } }))) as { claims: Array<{ agentId: string }> };
      expect(who.claims).toEqual([expect.objectContaining({ agentId: holder, pattern: 'lib', kind: 'directory' })]);

      const outside = await client.callTool({ name: 'claim_paths', arguments: { paths: ['../escape.txt'] } });
      expect(text(outside)).toContain('outside the repository');

      await client.callTool({ name: 'release_paths', arguments: { paths: ['lib/'] } });
      const list = JSON.parse(text(await client.callTool({ name: 'list_claims', arguments: {} }))) as { claims: Array<{ pattern: string }> };
      expect(list.claims.map((c) => c.pattern)).toEqual(['docs/*.md']);
    } finally {
      await client.close();
    }
  });
});
