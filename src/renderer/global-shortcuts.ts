/**
 * App-wide keys: Alt+1..9 select the n-th agent, Ctrl+Shift+N opens the new-agent dialog,
 * Ctrl+Shift+G (for git) the commit wizard, Alt+M shows or hides the change map.
 * Listening in the capture phase lets these win over a focused terminal, which would otherwise
 * send them to the agent.
 */
import { useStore } from './state/store';

export function installGlobalShortcuts(): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (handleSelectAgent(event) || handleNewAgent(event) || handleCommit(event) || handleToggleMap(event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  window.addEventListener('keydown', onKeyDown, { capture: true });
  return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
}

function handleSelectAgent(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  // `code`, not `key`: with Alt held, macOS turns digits into other characters.
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  if (digit === undefined) return false;
  const state = useStore.getState();
  const agent = state.agents[Number(digit) - 1];
  if (!agent) return false;
  state.selectAgent(agent.id);
  return true;
}

function handleNewAgent(event: KeyboardEvent): boolean {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return false;
  if (event.key.toLowerCase() !== 'n') return false;
  useStore.getState().openNewAgentDialog();
  return true;
}

function handleCommit(event: KeyboardEvent): boolean {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return false;
  if (event.key.toLowerCase() !== 'g') return false;
  const state = useStore.getState();
  if (state.repo === null) return false;
  state.openCommitWizard();
  return true;
}

function handleToggleMap(event: KeyboardEvent): boolean {
  // `code`, not `key`: with Alt held, macOS turns letters into other characters.
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyM') return false;
  useStore.getState().toggleMap();
  return true;
}
