/**
 * One colour per agent, the same wherever an agent is drawn (the map, its legend, the filter).
 * Agents take palette slots in launch order, so a colour stays put while the list grows; an id no
 * longer listed (an agent from an earlier run still named in the journal) is hashed onto the palette.
 */
import type { Agent } from '../../../shared/domain';

/** Ten hues that stay apart on the dark theme and from the danger red used for conflicts. */
export const AGENT_PALETTE = [
  '#4c8dff',
  '#98c379',
  '#c678dd',
  '#e5a050',
  '#56b6c2',
  '#d7c55a',
  '#f07fae',
  '#7f8cff',
  '#5fd39b',
  '#b0855a',
] as const;

/** Who wrote a file when no agent did: shown hatched grey, never in an agent's colour. */
export const UNATTRIBUTED = '~unattributed';
/** Changed before Switchyard watched: shown plain grey. */
export const BASELINE = '~baseline';
/** Claimed but not written yet: shown as an outline in the claimant's colour. */
export const CLAIM_ONLY = '~claimed';
export type OwnerKey = string;

export interface AgentColors {
  colorOf(agentId: string): string;
  nameOf(agentId: string): string;
}

function hashSlot(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % AGENT_PALETTE.length;
}

export function agentColors(agents: readonly Agent[]): AgentColors {
  const slots = new Map<string, number>();
  agents.forEach((agent, index) => slots.set(agent.id, index % AGENT_PALETTE.length));
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  return {
    colorOf: (agentId) => AGENT_PALETTE[slots.get(agentId) ?? hashSlot(agentId)]!,
    nameOf: (agentId) => names.get(agentId) ?? agentId,
  };
}

/** A label for an owner key: the agent's name, or what the grey means. */
export function ownerLabel(owner: OwnerKey, colors: AgentColors): string {
  if (owner === UNATTRIBUTED) return 'unattributed';
  if (owner === BASELINE) return 'before Switchyard';
  if (owner === CLAIM_ONLY) return 'claimed, not written';
  return colors.nameOf(owner);
}

/** The CSS background of an owner's swatch: the agent's colour, hatched grey when unattributed, flat grey for the baseline. */
export function ownerBackground(owner: OwnerKey, colors: AgentColors): string {
  if (owner === UNATTRIBUTED) return 'repeating-linear-gradient(135deg, #6b7380 0 3px, #2d333d 3px 6px)';
  if (owner === BASELINE) return '#4a515c';
  if (owner === CLAIM_ONLY) return 'transparent';
  return colors.colorOf(owner);
}

/** The greys' key of a journal version nobody is known to have written: the state before any change, or unattributed. */
export function versionOwner(version: { agentId: string | null; rule: string }): OwnerKey {
  if (version.agentId !== null) return version.agentId;
  return version.rule === 'base' || version.rule === 'baseline' ? BASELINE : UNATTRIBUTED;
}

/** Who a journal version is from, in words: an agent, the file as it was before, a restore or merge, or nobody known. */
export function versionWriter(version: { agentId: string | null; rule: string }, colors: AgentColors): string {
  if (version.agentId !== null) return colors.nameOf(version.agentId);
  if (version.rule === 'base') return 'as it was before';
  if (version.rule === 'restore') return 'restored';
  if (version.rule === 'merge') return 'merged';
  return ownerLabel(versionOwner(version), colors);
}
