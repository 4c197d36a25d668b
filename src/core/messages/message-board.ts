/**
 * The open repository's messages: sending (from the user or an agent, to one agent or all),
 * reading, and delivery. A working agent gets its unread messages as additional context on its
 * next hook event (see contextFor); an idle one (ready or finished, at its prompt) gets each typed
 * as its next prompt, but only where the user allows it (the repository's deliverMessagesToIdle
 * setting, or the message's own deliverNow).
 */
import { randomUUID } from 'node:crypto';
import type { HookEventName } from '../../shared/control';
import type { Agent } from '../../shared/domain';
import { inThreadOf, type MessageView } from '../../shared/messages';
import { SwitchyardError } from '../../shared/result';
import { rosterOf, rosterText, type RosterEntry } from './agent-roster';
import { isDeliveredTo, messageAsPrompt, messagesAsContext, unreadFor, type NameOf } from './message-delivery';
import { MessageStore } from './message-store';

/** Statuses of an agent waiting at its prompt for its next turn. */
const IDLE_STATUSES: ReadonlySet<Agent['status']> = new Set(['ready', 'finished']);

/**
 * Codex reads input that arrives in one piece as a paste, where Enter is a newline; the Enter that
 * submits a typed message goes in a write of its own, this much later.
 */
export const SUBMIT_DELAY_MS = 150;
/**
 * A Codex starved of CPU may still read the Enter as part of the paste (a newline in its composer):
 * while the agent stays idle this long after it, Enter is pressed again (on an empty composer it
 * does nothing), at most SUBMIT_RETRIES times.
 */
export const SUBMIT_RETRY_MS = 1_500;
export const SUBMIT_RETRIES = 2;

export interface MessageBoardOptions {
  agents(): Agent[];
  /** The patterns an agent holds. */
  claimsOf(agentId: string): string[];
  settings(): { deliverMessagesToIdle: boolean };
  /** Writes to the agent's terminal. */
  type(agentId: string, data: string): void;
  changed(payload: { revision: number; messages: MessageView[] }): void;
  log(event: string, data: Record<string, unknown>): void;
  now?: () => Date;
  /** setTimeout unless a test steps it. */
  later?: (work: () => void, ms: number) => void;
}

export interface SendRequest {
  from?: string | undefined;
  /** An agent's id or name; null: every agent. */
  to: string | null;
  text: string;
  deliverNow?: boolean | undefined;
}

export class MessageBoard {
  private store: MessageStore | null = null;
  private revisionCount = 0;
  /** Messages sent since the board opened (a repository), and per agent that count when it last had nothing unread. */
  private sentCount = 0;
  private readonly quietAt = new Map<string, number>();
  /** Pending Enters for typed messages; dispose() drops them. */
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly now: () => Date;
  private readonly later: (work: () => void, ms: number) => void;

  constructor(private readonly options: MessageBoardOptions) {
    this.now = options.now ?? (() => new Date());
    this.later =
      options.later ??
      ((work, ms) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          work();
        }, ms);
        this.timers.add(timer);
      });
  }

  /** Reads the repository's messages (its `.agents` folder); what was there before is let go. */
  open(agentsDir: string): void {
    this.store = MessageStore.inDir(agentsDir, (problem) => this.options.log('messages-line-skipped', { problem }));
    this.sentCount = 0;
    this.quietAt.clear();
    this.announce(this.store.all());
  }

  /** Drops the Enters still to be pressed (the agents are stopping). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get revision(): number {
    return this.revisionCount;
  }

  send(request: SendRequest): MessageView {
    const store = this.requireStore();
    const agents = this.options.agents();
    if (request.from !== undefined && !agents.some((a) => a.id === request.from)) {
      throw new SwitchyardError('not-found', `No agent with id ${request.from} in this repository.`);
    }
    const to = request.to === null ? null : this.resolve(agents, request.to, request.from);
    const message = store.add({
      id: `m-${randomUUID()}`,
      at: this.now().toISOString(),
      from: request.from ?? null,
      to,
      text: request.text,
      deliverNow: request.deliverNow ?? false,
    });
    this.sentCount += 1;
    this.options.log('message', { id: message.id, from: message.from, to: message.to });
    this.announce([message]);
    for (const agent of agents) this.deliverIfIdle(agent);
    return this.copy(message);
  }

  /** One agent's thread, or every message. */
  list(agentId?: string): MessageView[] {
    const all = this.store?.all() ?? [];
    return (agentId === undefined ? all : all.filter((m) => inThreadOf(m, agentId))).map((m) => this.copy(m));
  }

  /** The agent's messages (unread, or all with `all`); the unread ones are delivered by this read. */
  read(agentId: string, all: boolean): MessageView[] {
    const agent = this.requireAgent(agentId);
    const store = this.requireStore();
    const wanted = all ? store.all().filter((m) => m.to === agentId || (m.to === null && m.from !== agentId)) : unreadFor(store.all(), agent);
    const result = wanted.map((m) => this.copy(m));
    this.markDelivered(unreadFor(wanted, agent), agentId, 'read');
    return result;
  }

  roster(agentId?: string): { agents: RosterEntry[]; text: string } {
    const agents = this.options.agents();
    const self = agentId === undefined ? null : (agents.find((a) => a.id === agentId) ?? null);
    const entries = rosterOf(agents, (id) => this.options.claimsOf(id), agentId);
    return { agents: entries, text: rosterText(entries, self) };
  }

  /**
   * The additional context a hook event of the agent carries to its model: at the start of its
   * session the roster, then (at every event that can carry context) its unread messages, which
   * count as delivered from here on. Null when there is nothing to say.
   */
  contextFor(agentId: string, event: HookEventName): string | null {
    const parts: string[] = [];
    if (event === 'SessionStart') parts.push(this.roster(agentId).text);
    // Every gated tool call asks: with no message sent since this agent last had none, say so at once.
    const quiet = this.quietAt.get(agentId) === this.sentCount;
    if ((event === 'SessionStart' || event === 'UserPromptSubmit' || event === 'PreToolUse') && !quiet) {
      const agent = this.options.agents().find((a) => a.id === agentId);
      const unread = agent && this.store ? unreadFor(this.store.all(), agent) : [];
      const context = messagesAsContext(unread, this.nameOf());
      if (context) {
        parts.push(context.text);
        this.markDelivered(context.included, agentId, 'hook');
      }
      if (!context || context.included.length === unread.length) this.quietAt.set(agentId, this.sentCount);
    }
    return parts.length > 0 ? parts.join('\n\n') : null;
  }

  /** An agent's status changed: an idle one may have messages to type at its prompt. */
  agentChanged(agent: Agent): void {
    this.deliverIfIdle(agent);
  }

  private deliverIfIdle(agent: Agent): void {
    if (!this.store || !IDLE_STATUSES.has(agent.status) || agent.pid === null) return;
    const allowed = this.options.settings().deliverMessagesToIdle;
    const due = unreadFor(this.store.all(), agent).filter((m) => allowed || m.deliverNow);
    if (due.length === 0) return;
    const nameOf = this.nameOf();
    // Delivered first, so the UserPromptSubmit of the typed prompt does not carry them again.
    this.markDelivered(due, agent.id, 'prompt');
    const prompt = due.map((m) => messageAsPrompt(m, nameOf)).join(' ');
    this.options.type(agent.id, prompt);
    this.later(() => this.submit(agent.id, agent.completedTurns, SUBMIT_RETRIES), SUBMIT_DELAY_MS);
  }

  /** Presses Enter, and again later while the agent has neither started nor finished a turn since. */
  private submit(agentId: string, turnsBefore: number, retries: number): void {
    this.options.type(agentId, '\r');
    if (retries === 0) return;
    this.later(() => {
      const agent = this.options.agents().find((a) => a.id === agentId);
      if (agent && IDLE_STATUSES.has(agent.status) && agent.completedTurns === turnsBefore) this.submit(agentId, turnsBefore, retries - 1);
    }, SUBMIT_RETRY_MS);
  }

  private markDelivered(messages: readonly MessageView[], agentId: string, via: 'hook' | 'prompt' | 'read'): void {
    const store = this.store;
    if (!store || messages.length === 0) return;
    const at = this.now().toISOString();
    const changed = messages.filter((m) => !isDeliveredTo(m, agentId)).flatMap((m) => store.delivered(m.id, { agentId, at, via }) ?? []);
    if (changed.length > 0) this.announce(changed);
  }

  private resolve(agents: readonly Agent[], to: string, from: string | undefined): string {
    const byId = agents.find((a) => a.id === to);
    const lower = to.toLowerCase();
    const byName = agents.filter((a) => a.name.toLowerCase() === lower);
    const target = byId ?? (byName.length === 1 ? byName[0] : undefined);
    if (!target) {
      const known = agents.map((a) => `"${a.name}" (${a.id})`).join(', ') || 'none';
      const why = byName.length > 1 ? `several agents are named "${to}"; use its id` : `no agent is called "${to}"`;
      throw new SwitchyardError('not-found', `Cannot send the message: ${why}. Agents: ${known}.`);
    }
    if (target.id === from) throw new SwitchyardError('invalid-input', 'An agent cannot send a message to itself.');
    return target.id;
  }

  private nameOf(): NameOf {
    const names = new Map(this.options.agents().map((a) => [a.id, a.name]));
    return (id) => (id === null ? 'the user' : `agent "${names.get(id) ?? id}"`);
  }

  private announce(messages: readonly MessageView[]): void {
    this.revisionCount += 1;
    this.options.changed({ revision: this.revisionCount, messages: messages.map((m) => this.copy(m)) });
  }

  private copy(message: MessageView): MessageView {
    return { ...message, deliveries: [...message.deliveries] };
  }

  private requireAgent(agentId: string): Agent {
    const agent = this.options.agents().find((a) => a.id === agentId);
    if (!agent) throw new SwitchyardError('not-found', `No agent with id ${agentId} in this repository.`);
    return agent;
  }

  private requireStore(): MessageStore {
    if (!this.store) throw new SwitchyardError('no-repository', 'Open a repository before sending messages.');
    return this.store;
  }
}
