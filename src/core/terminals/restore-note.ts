/**
 * The one dim line a restored terminal starts with when it cannot show everything the agent's
 * terminal showed before the restart, so an empty or partial screen says why.
 */
import type { SavedTerminal } from './terminal-store';

export function restoreNote(saved: SavedTerminal, ran: boolean): string | null {
  const hasOutput = saved.records.some((r) => r.kind === 'output' && r.data !== '');
  let text: string | null = null;
  if (saved.problem && !hasOutput) text = `The saved screen of this agent could not be read (${saved.problem}).`;
  else if (saved.problem) text = `Part of the saved screen of this agent could not be read (${saved.problem}); what could be read follows.`;
  else if (!hasOutput && ran && !saved.found) {
    text = 'No saved screen for this agent: it ran before Switchyard kept terminal screens, or its file in .agents/terminals was removed.';
  } else if (!hasOutput && ran) text = 'No output of this agent was saved before Switchyard stopped.';
  return text === null ? null : `\x1b[2m${text}\x1b[0m\r\n`;
}
