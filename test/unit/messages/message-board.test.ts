/**
 * The message board on fakes: recipients by id or name, threads, the roster, delivery as hook
 * context (once, capped), reading, and typing at an idle agent's prompt only when allowed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageBoard } from '../../../src/core/messages/message-board';
import { MAX_MESSAGE_CONTEXT_CHARS } from '../../../src/core/messages/message-delivery';
import { ROSTER_MAX_AGENTS } from '../../../src/core/messages/agent-roster';
import type { Agent, AgentStatus } from '../../../src/shared/domain';
import type { MessageView } from '../../../src/shared/messages';

const STARTED = '2026-01-01T09:00:00.000Z';
const agentOf = (id: string, name: string, status: AgentStatus = 'working', task = `task of ${name}`): Agent =>
  ({ id, name, status, task, pid: 100, startedAt: STARTED }) as Agent;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-board-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(agents: Agent[] = [agentOf('a-1', 'alpha'), agentOf('b-1', 'beta')]) {
  const typed: Array<{ agentId: string; data: string }> = [];
  const announced: MessageView[][] = [];
  const later: Array<() => void> = [];
  const settings = { deliverMessagesToIdle: false };
  let clock = Date.parse('2026-01-01T10:00:00.000Z');
  const board = new MessageBoard({
    agents: () => agents,
    claimsOf: (id) => (id === 'b-1' ? ['src/b.ts', 'docs/'] : []),
    settings: () => settings,
    type: (agentId, data) => typed.push({ agentId, data }),
    changed: ({ messages }) => announced.push(messages),
    log: () => undefined,
    now: () => new Date((clock += 1000)),
    later: (work) => later.push(work),
  });
  board.open(dir);
  return { board, agents, typed, announced, later, settings };
}

describe('sending', () => {
  it('addresses an agent by id or by name (any case), or all with null; an unknown name, an ambiguous one or oneself is refused', () => {
    const { board, agents } = setup();
    expect(board.send({ to: 'b-1', text: 'by id' }).to).toBe('b-1');
    expect(board.send({ from: 'a-1', to: 'BETA', text: 'by name' })).toEqual(expect.objectContaining({ from: 'a-1', to: 'b-1' }));
    expect(board.send({ to: null, text: 'all' }).to).toBeNull();
    expect(() => board.send({ to: 'gamma', text: 'x' })).toThrow(/no agent is called "gamma"/);
    expect(() => board.send({ from: 'a-1', to: 'alpha', text: 'x' })).toThrow(/to itself/);
    expect(() => board.send({ from: 'z-9', to: 'beta', text: 'x' })).toThrow(/No agent with id z-9/);
    agents.push(agentOf('b-2', 'Beta'));
    expect(() => board.send({ to: 'beta', text: 'x' })).toThrow(/several agents are named "beta"/);
  });

  it('announces each message, lists one agent’s thread (from it, to it, to all) and keeps them across a reopening', () => {
    const { board, announced, agents } = setup([agentOf('a-1', 'alpha'), agentOf('b-1', 'beta'), agentOf('c-1', 'gamma')]);
    board.send({ from: 'a-1', to: 'b-1', text: 'a to b' });
    board.send({ from: 'c-1', to: 'a-1', text: 'c to a' });
    board.send({ to: null, text: 'user to all' });
    expect(announced.map((batch) => batch.map((m) => m.text))).toEqual([[], ['a to b'], ['c to a'], ['user to all']]);
    expect(board.list('b-1').map((m) => m.text)).toEqual(['a to b', 'user to all']);
    expect(board.list().map((m) => m.text)).toEqual(['a to b', 'c to a', 'user to all']);

    const reopened = new MessageBoard({ agents: () => agents, claimsOf: () => [], settings: () => ({ deliverMessagesToIdle: false }), type: () => undefined, changed: () => undefined, log: () => undefined });
    reopened.open(dir);
    expect(reopened.list('a-1').map((m) => m.text)).toEqual(['a to b', 'c to a', 'user to all']);
  });
});

describe('delivery to a working agent (hook context)', () => {
  it('gives a session its roster and its unread messages, each message once', () => {
    const { board } = setup();
    board.send({ from: 'b-1', to: 'a-1', text: 'please wait for src/b.ts' });
    const start = board.contextFor('a-1', 'SessionStart')!;
    expect(start).toContain('you are agent "alpha" (id a-1)');
    expect(start).toContain('Rules: claim files before you write them');
    expect(start).toContain('- "beta" (id b-1, working): task of beta — claims src/b.ts, docs/');
    expect(start).toContain('From agent "beta" (10:00 UTC): please wait for src/b.ts');
    expect(board.list('a-1')[0]!.deliveries).toEqual([expect.objectContaining({ agentId: 'a-1', via: 'hook' })]);
    expect(board.contextFor('a-1', 'PreToolUse')).toBeNull();
    expect(board.contextFor('a-1', 'Stop')).toBeNull();
    // A message sent after a quiet event reaches the next one.
    board.send({ from: 'b-1', to: 'a-1', text: 'src/b.ts is yours now' });
    expect(board.contextFor('a-1', 'Stop')).toBeNull();
    expect(board.contextFor('a-1', 'PreToolUse')).toContain('src/b.ts is yours now');
    expect(board.contextFor('a-1', 'PreToolUse')).toBeNull();
  });

  it('delivers a broadcast to each agent but its sender, and not to one that started after it', () => {
    const { board, agents } = setup();
    board.send({ from: 'a-1', to: null, text: 'to everyone' });
    agents.push({ ...agentOf('c-1', 'gamma'), startedAt: '2027-01-01T00:00:00.000Z' });
    expect(board.contextFor('a-1', 'PreToolUse')).toBeNull();
    expect(board.contextFor('c-1', 'PreToolUse')).toBeNull();
    expect(board.contextFor('b-1', 'UserPromptSubmit')).toContain('From agent "alpha" to all agents');
  });

  it('keeps what does not fit the context cap unread for the next event', () => {
    const { board } = setup();
    const long = 'x'.repeat(MAX_MESSAGE_CONTEXT_CHARS / 2);
    for (let i = 0; i < 3; i++) board.send({ to: 'a-1', text: `${i}${long}` });
    const first = board.contextFor('a-1', 'PreToolUse')!;
    expect(first.length).toBeLessThanOrEqual(MAX_MESSAGE_CONTEXT_CHARS + 60);
    expect(first).toContain('(2 more: call read_messages.)');
    const rest = board.read('a-1', false);
    expect(rest.map((m) => m.text[0])).toEqual(['1', '2']);
    expect(board.read('a-1', false)).toEqual([]);
    expect(board.read('a-1', true)).toHaveLength(3);
  });
});

describe('delivery to an idle agent (typed at its prompt)', () => {
  it('types nothing unless the message says deliver now or the repository allows it; then types one line and Enter apart', () => {
    const { board, agents, typed, later, settings } = setup([agentOf('a-1', 'alpha', 'finished')]);
    board.send({ to: 'a-1', text: 'wait\nfor me' });
    expect(typed).toEqual([]);

    board.send({ to: 'a-1', text: 'now please', deliverNow: true });
    expect(typed).toEqual([{ agentId: 'a-1', data: '[Message relayed by Switchyard] From the user (10:00 UTC): now please' }]);
    later.splice(0).forEach((work) => work());
    expect(typed.at(-1)).toEqual({ agentId: 'a-1', data: '\r' });
    expect(board.list('a-1').map((m) => m.deliveries.map((d) => d.via))).toEqual([[], ['prompt']]);
    // Still idle after the Enter (Codex took it into the paste): Enter again; once the turn started, no more.
    later.splice(0).forEach((work) => work());
    expect(typed.filter((t) => t.data === '\r')).toHaveLength(2);
    agents[0]!.status = 'working';
    later.splice(0).forEach((work) => work());
    expect(later).toEqual([]);
    expect(typed.filter((t) => t.data === '\r')).toHaveLength(2);
    agents[0]!.status = 'finished';

    settings.deliverMessagesToIdle = true;
    agents[0]!.status = 'working';
    board.agentChanged(agents[0]!);
    expect(typed).toHaveLength(3);
    agents[0]!.status = 'ready';
    board.agentChanged(agents[0]!);
    expect(typed[3]!.data).toBe('[Message relayed by Switchyard] From the user (10:00 UTC): wait for me');
  });

  it('never types at an agent that waits for an approval or has no process', () => {
    const { board, typed } = setup([agentOf('a-1', 'alpha', 'waiting-for-input'), { ...agentOf('b-1', 'beta', 'finished'), pid: null }]);
    board.send({ to: 'a-1', text: 'x', deliverNow: true });
    board.send({ to: 'b-1', text: 'y', deliverNow: true });
    expect(typed).toEqual([]);
  });
});

describe('the roster', () => {
  it('leaves out the asking agent and ended ones, and names at most ROSTER_MAX_AGENTS', () => {
    const many = Array.from({ length: ROSTER_MAX_AGENTS + 3 }, (_, i) => agentOf(`x-${i}`, `agent ${i}`));
    const { board } = setup([agentOf('a-1', 'alpha'), agentOf('e-1', 'ended', 'exited'), ...many]);
    const roster = board.roster('a-1');
    expect(roster.agents).toHaveLength(ROSTER_MAX_AGENTS + 3);
    expect(roster.text).not.toContain('"alpha" (id a-1,');
    expect(roster.text).not.toContain('ended');
    expect(roster.text).toContain('- and 3 more (list_agents).');
  });
});
