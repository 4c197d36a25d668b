/**
 * What every managed agent is told when its session starts (and again whenever it calls
 * list_agents): who else works on the repository, on what, holding which files, and the rules.
 * Short on purpose: it goes into the model's context.
 */
import { isEnded, type Agent } from '../../shared/domain';

/** The other agents named in the text; the rest are counted (list_agents has them all). */
export const ROSTER_MAX_AGENTS = 8;
const TASK_CHARS = 120;
const CLAIMS_SHOWN = 5;

export interface RosterEntry {
  id: string;
  name: string;
  status: Agent['status'];
  task: string;
  claims: string[];
  isolated?: boolean;
}

export const COORDINATION_RULES =
  'Rules: claim files before you write them (claim_paths); before you touch a file another agent holds, ask it with send_message and wait for its answer; ' +
  'messages for you arrive in your context or through read_messages; list_agents shows who works here now.';

/** The agents that are not `self` and have not ended, and what each holds. */
export function rosterOf(agents: readonly Agent[], claimsOf: (agentId: string) => string[], self?: string): RosterEntry[] {
  return agents
    .filter((a) => a.id !== self && !isEnded(a.status))
    .map((a) => ({ id: a.id, name: a.name, status: a.status, task: a.task, claims: claimsOf(a.id), ...(a.workspace ? { isolated: true } : {}) }));
}

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

export function rosterText(entries: readonly RosterEntry[], self: (Pick<Agent, 'id' | 'name'> & Partial<Pick<Agent, 'workspace'>>) | null): string {
  const lines = [
    self
      ? `Switchyard: you are agent "${self.name}" (id ${self.id}), one of the Codex agents working in this repository at the same time.`
      : 'Switchyard: the Codex agents working in this repository.',
    COORDINATION_RULES,
  ];
  const own = self?.workspace;
  if (own) {
    lines.push(
      `You work isolated: in your own git worktree ${own.path} on branch ${own.branch} (from ${own.baseBranch ?? own.base.slice(0, 7)}). ` +
        'Write only there; the other agents work elsewhere, so their claims do not apply to you, and yours are advisory.',
    );
  }
  if (entries.length === 0) lines.push('No other agent works here right now.');
  else lines.push(`Other agents (${entries.length}):`);
  for (const entry of entries.slice(0, ROSTER_MAX_AGENTS)) {
    const claims = entry.claims.length === 0 ? 'no claims' : `claims ${entry.claims.slice(0, CLAIMS_SHOWN).join(', ')}${entry.claims.length > CLAIMS_SHOWN ? ` and ${entry.claims.length - CLAIMS_SHOWN} more` : ''}`;
    const where = entry.isolated ? ' — isolated in its own worktree (its claims are advisory)' : '';
    lines.push(`- "${entry.name}" (id ${entry.id}, ${entry.status}): ${oneLine(entry.task, TASK_CHARS)} — ${claims}${where}`);
  }
  if (entries.length > ROSTER_MAX_AGENTS) lines.push(`- and ${entries.length - ROSTER_MAX_AGENTS} more (list_agents).`);
  return lines.join('\n');
}
