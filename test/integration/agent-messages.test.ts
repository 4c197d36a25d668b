/**
 * Agents that know each other and talk, with the real Codex CLI: each agent is told at its start
 * who else works here (SessionStart's additional context), agent A's model calls the MCP tool
 * send_message, and agent B's model gets the message on B's next hook event; an idle agent gets a
 * message typed at its prompt only when the user allows it; and read_messages / list_agents over
 * the real `switchyard mcp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ROOT, startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { mcpToolStep, type ScenarioStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

/** Waits (inside the agent's own shell) until a message with `marker` is in the repository's message file. */
const waitForMessageStep = (marker: string): ScenarioStep => ({
  kind: 'exec',
  cmd: `for i in $(seq 1 250); do grep -q ${marker} .agents/messages.jsonl 2>/dev/null && break; sleep 0.1; done; echo waited`,
  login: false,
  yieldMs: 30_000,
});

describe('messages between agents', () => {
  let fixture: AgentsFixture;

  beforeEach(async () => {
    fixture = await startAgentsFixture();
  });
  afterEach(() => fixture.close());

  it('A’s model calls send_message; B’s model reads it as additional context on B’s next tool call, and A was told about B at its start', async () => {
    const { model, hooked } = fixture;
    model.script('listener', [
      waitForMessageStep('ping-from-sender'),
      { kind: 'exec', cmd: 'true', login: false },
      { kind: 'message', text: 'heard it' },
    ]);
    model.script('sender', [mcpToolStep('send_message', { to: 'listener', text: 'ping-from-sender: leave src/b.ts to me' }), { kind: 'message', text: 'sent' }]);

    const listener = fixture.launch('listener', 'listener', { claims: ['src/b.ts'] });
    await waitFor(() => model.requestCount('listener') >= 1, 'B to start its turn');
    const sender = fixture.launch('sender', 'sender');
    await waitFor(() => fixture.agent(sender).completedTurns === 1, 'A to finish its turn');
    await waitFor(() => fixture.agent(listener).completedTurns === 1, 'B to finish its turn');

    // A's SessionStart context: who else works here, on what, holding what, and the rules.
    const senderSaw = model.lastInput('sender');
    expect(senderSaw).toContain('you are agent \\"sender\\"');
    expect(senderSaw).toContain(`\\"listener\\" (id ${listener}, working): listener [scenario:listener] — claims src/b.ts`);
    expect(senderSaw).toContain('claim files before you write them');
    // The tool's answer is the message as stored.
    expect(senderSaw).toContain(`\\"to\\": \\"${listener}\\"`);

    const listenerSaw = model.lastInput('listener');
    expect(listenerSaw).toContain('Messages for you, relayed by Switchyard');
    expect(listenerSaw).toContain('From agent \\"sender\\"');
    expect(listenerSaw).toContain('ping-from-sender: leave src/b.ts to me');

    const { messages } = hooked.core.listMessages(listener);
    expect(messages).toEqual([
      expect.objectContaining({ from: sender, to: listener, deliveries: [expect.objectContaining({ agentId: listener, via: 'hook' })] }),
    ]);
    // Kept in .agents/messages.jsonl: the message, then its delivery.
    const lines = fs.readFileSync(path.join(fixture.repo.dir, '.agents', 'messages.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['message', 'delivered']);
  });

  it('types a message at an idle agent’s prompt only when the user allows it (deliver now, or the repository setting)', async () => {
    const { model, hooked } = fixture;
    model.script('idler', [{ kind: 'message', text: 'idle now' }]);
    const idler = fixture.launch('idler', 'idler');
    await waitFor(() => fixture.agent(idler).status === 'finished', 'the agent to finish its first turn');

    const held = hooked.core.sendMessage({ to: 'idler', text: 'held-for-later' });
    expect(hooked.core.listMessages().messages.find((m) => m.id === held.id)?.deliveries).toEqual([]);

    hooked.core.sendMessage({ to: idler, text: 'wake-up-now', deliverNow: true });
    await waitFor(() => fixture.agent(idler).completedTurns === 2, 'the typed message to start a second turn');
    const seen = model.lastInput('idler');
    expect(seen).toContain('[Message relayed by Switchyard] From the user');
    expect(seen).toContain('wake-up-now');
    // The held message was not typed; the new turn's UserPromptSubmit carried it as context instead.
    expect(seen).toContain('held-for-later');
    const vias = hooked.core.listMessages(idler).messages.map((m) => m.deliveries[0]?.via);
    expect(vias).toEqual(['hook', 'prompt']);

    hooked.core.updateSettings({ deliverMessagesToIdle: true });
    await waitFor(() => fixture.agent(idler).status === 'finished', 'the second turn to end');
    hooked.core.sendMessage({ to: null, text: 'setting-allows-this' });
    await waitFor(() => fixture.agent(idler).completedTurns === 3, 'the broadcast to start a third turn');
    expect(model.lastInput('idler')).toContain('setting-allows-this');
  });

  it('serves list_agents, send_message and read_messages over the real `switchyard mcp`', async () => {
    const { model, hooked } = fixture;
    model.script('quiet', [{ kind: 'message', text: 'idle', delayMs: 60_000 }]);
    const quiet = fixture.launch('quiet', 'quiet');
    const other = fixture.launch('other', 'quiet', { claims: ['docs/'] });
    await waitFor(() => fixture.agent(quiet).pid !== null && fixture.agent(other).pid !== null, 'both agents to start');
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [path.join(APP_ROOT, 'out', 'main', 'mcp.js')],
        env: { SWITCHYARD_AGENT_ID: quiet, SWITCHYARD_CONTROL_SOCKET: hooked.control.path, PATH: process.env.PATH ?? '' },
      }),
    );
    const text = (result: unknown): string => (result as { content: Array<{ text: string }> }).content[0]?.text ?? '';
    try {
      const roster = text(await client.callTool({ name: 'list_agents', arguments: {} }));
      expect(roster).toContain(`you are agent "quiet" (id ${quiet})`);
      expect(roster).toContain(`"other" (id ${other}`);
      expect(roster).toContain('claims docs');
      expect(roster).not.toContain(`"quiet" (id ${quiet},`);

      hooked.core.sendMessage({ to: quiet, text: 'first-for-quiet' });
      hooked.core.sendMessage({ from: other, to: null, text: 'to-everyone' });
      const unread = JSON.parse(text(await client.callTool({ name: 'read_messages', arguments: {} }))) as { messages: Array<{ text: string }> };
      expect(unread.messages.map((m) => m.text)).toEqual(['first-for-quiet', 'to-everyone']);
      const again = JSON.parse(text(await client.callTool({ name: 'read_messages', arguments: {} }))) as { messages: unknown[] };
      expect(again.messages).toEqual([]);
      const everything = JSON.parse(text(await client.callTool({ name: 'read_messages', arguments: { all: true } }))) as { messages: unknown[] };
      expect(everything.messages).toHaveLength(2);

      const sent = await client.callTool({ name: 'send_message', arguments: { to: 'nobody', text: 'hello' } });
      expect(text(sent)).toContain('no agent is called "nobody"');
      await client.callTool({ name: 'send_message', arguments: { to: 'OTHER', text: 'reply-to-other' } });
      expect(hooked.core.listMessages(other).messages.at(-1)).toEqual(expect.objectContaining({ from: quiet, to: other, text: 'reply-to-other' }));
    } finally {
      await client.close();
    }
  });
});
