/**
 * The hook gate: the core's answer to each Codex hook event of a managed agent. Only the agent's
 * current, live run may ask (its token); a PreToolUse call is judged by the write gate. The answer
 * is computed and returned first, and the control server writes it before anything else happens:
 * the agent's tool call waits on it. What the event means for the record (the agent's progress
 * and status, the refusal or violation, the activity log, attribution) follows on the next turn
 * of the loop.
 */
import type { EventPayload } from '../../shared/contract';
import { HookInputSchema, type HookDecision, type HookEventName } from '../../shared/control';
import { isEnded, type Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import type { RepoLocks } from '../locks/repo-locks';
import type { RepoSettings } from '../registry/registry-schema';
import type { GateEvent } from './gate-event';
import type { HookRequest } from './hook-answer';
import { decideWrite, type GateDecision, type GateWrite } from './write-gate';
import { agentWorktreeRelative } from '../worktrees/worktree-paths';

/** The agents as the gate sees them: whose run may ask, and where a hook's progress is noted. */
export interface HookGateAgents {
  /** The agent's live record; the same object for as long as this repository is open. */
  record(agentId: string): { readonly agent: Agent } | undefined;
  /** Notes the event on the agent's record (see AgentSupervisor.noteHookEvent); null when it ended. */
  noteHookEvent(agentId: string, event: HookEventName, payload: Record<string, unknown>): Agent | null;
}

/** Where hook events and the gate's findings feed attribution and conflict detection. */
export interface HookGateTracker {
  noteHookEvent(agentId: string, event: HookEventName, payload: Record<string, unknown>): void;
  noteGateEvent(event: GateEvent): void;
}

export interface HookGateOptions {
  /** Whether `token` is the agent's current run's (gate/hook-tokens.ts). */
  tokenMatches(agentId: string, token: string): boolean;
  agents: HookGateAgents;
  /** The open repository's claims; null while none is open (every write is allowed). */
  locks(): RepoLocks | null;
  settings(): Pick<RepoSettings, 'gateMode' | 'claimOnWrite'>;
  tracker(): HookGateTracker | null;
  log(event: string, data: Record<string, unknown>): void;
  notify(notification: EventPayload<'notification'>): void;
  /** The agent's record changed by a hook event: persist (coalesced) and announce. */
  changed(agent: Agent, kind: 'status'): void;
  /**
   * What else the event tells the model (the roster at a session's start, unread messages), as
   * additional context; null for nothing. Asked only for events whose answer can carry it.
   */
  context?(agentId: string, event: HookEventName): string | null;
  /** The hook client in use is the slower Node fallback, and why (told once); null when it is not. */
  fallbackReason: string | null;
  /** Runs the recording after the answer is written; setImmediate unless a test steps it. */
  defer?: (work: () => void) => void;
  now?: () => number;
}

/**
 * The registered events whose answer Codex 0.171 hands to the model as additional context
 * (PreToolUse verified with the advise mode; SessionStart and UserPromptSubmit by the messages test).
 * Stop's answer has no such field.
 */
const CONTEXT_EVENTS: ReadonlySet<HookEventName> = new Set(['SessionStart', 'UserPromptSubmit', 'PreToolUse']);

export class HookGate {
  private fallbackTold = false;
  private readonly defer: (work: () => void) => void;
  private readonly now: () => number;

  constructor(private readonly options: HookGateOptions) {
    this.defer = options.defer ?? ((work) => void setImmediate(work));
    this.now = options.now ?? Date.now;
  }

  /** `hook.event` through the router (JSON); the same as a hook client's request. */
  handleHook(raw: unknown): HookDecision {
    return this.answerHook(HookInputSchema.parse(raw));
  }

  /** Answers at once (see the file's comment); throws when the request is not from the agent's live run. */
  answerHook(request: HookRequest): HookDecision {
    const managed = this.options.agents.record(request.agentId);
    if (!managed || !this.options.tokenMatches(request.agentId, request.token)) {
      throw new SwitchyardError('invalid-input', `this hook is not from the current run of agent "${request.agentId}" in this Switchyard; file changes from it are refused.`);
    }
    if (isEnded(managed.agent.status)) {
      throw new SwitchyardError('invalid-input', `agent "${request.agentId}" has ${managed.agent.status}; a process it left behind may not change files.`);
    }
    const gate = request.event === 'PreToolUse' ? this.gate(managed.agent, request.payload) : null;
    this.defer(() => this.recordHook(managed, request, gate));
    if (gate?.decision === 'deny') return { decision: 'deny', ...(gate.reason ? { reason: gate.reason } : {}) };
    // A refused call's answer carries no context (Codex reads only its reason), so messages wait for the next event.
    const context = [gate?.additionalContext, CONTEXT_EVENTS.has(request.event) ? this.extraContext(request.agentId, request.event) : null]
      .filter((part): part is string => !!part)
      .join('\n\n');
    return { decision: 'allow', ...(context ? { additionalContext: context } : {}) };
  }

  /** What else the model should read; a failure there (a message file that cannot be written) never refuses the call. */
  private extraContext(agentId: string, event: HookEventName): string | null {
    try {
      return this.options.context?.(agentId, event) ?? null;
    } catch (error) {
      this.options.log('hook-context-failed', { id: agentId, hook: event, message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  /** The hooks run on the slower Node client (no C compiler at install): said once, when the first agent starts. */
  tellHookFallbackOnce(): void {
    const reason = this.options.fallbackReason;
    if (!reason || this.fallbackTold) return;
    this.fallbackTold = true;
    this.options.log('hook-client-fallback', { reason });
    this.options.notify({ kind: 'problem', agentId: null, title: 'Hooks run on Node', body: reason });
  }

  /** The write gate: may this PreToolUse call write what it would write? (Recorded later: recordGate.) */
  private gate(agent: Agent, payload: Record<string, unknown>): GateDecision | null {
    const locks = this.options.locks();
    if (!locks) return null;
    const agentId = agent.id;
    const input = payload.tool_input as { command?: unknown } | undefined;
    const settings = this.options.settings();
    const workspace = agent.workspace ? { relative: agentWorktreeRelative(agentId), path: agent.workspace.path, branch: agent.workspace.branch } : null;
    return decideWrite(locks, {
      workspace,
      agentId,
      command: typeof input?.command === 'string' ? input.command : null,
      cwd: typeof payload.cwd === 'string' ? payload.cwd : null,
      mode: settings.gateMode,
      claimOnWrite: settings.claimOnWrite,
    });
  }

  /** What a hook event means for the record, once its answer is on its way. */
  private recordHook(managed: { readonly agent: Agent }, { agentId, event, payload }: HookRequest, gate: GateDecision | null): void {
    // Another repository was opened meanwhile: this agent's record is not the one asked about.
    if (this.options.agents.record(agentId) !== managed) return;
    if (gate) this.recordGate(agentId, gate);
    const agent = this.options.agents.noteHookEvent(agentId, event, payload);
    if (!agent) return;
    this.options.log('hook', { id: agentId, hook: event });
    this.options.tracker()?.noteHookEvent(agentId, event, payload);
    this.options.changed(agent, 'status');
  }

  private recordGate(agentId: string, decision: GateDecision): void {
    if (decision.decision === 'deny') {
      this.options.log('write-refused', { id: agentId, reason: decision.reason, writes: decision.writes });
      this.noteGateEvent('refused', agentId, decision.writes.filter((w) => w.verdict !== 'allowed'), decision.reason ?? '');
    } else if (decision.violations.length > 0) {
      this.options.log('write-violation', { id: agentId, mode: this.options.settings().gateMode, writes: decision.violations });
      this.noteGateEvent('violation', agentId, decision.violations, decision.additionalContext ?? '');
    }
  }

  private noteGateEvent(kind: GateEvent['kind'], agentId: string, writes: readonly GateWrite[], reason: string): void {
    this.options.tracker()?.noteGateEvent({
      kind,
      agentId,
      paths: writes.map((w) => w.path),
      holders: writes.map((w) => w.holderAgentId ?? null),
      reason,
      at: this.now(),
    });
  }
}
