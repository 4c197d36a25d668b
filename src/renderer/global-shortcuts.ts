/**
 * App-wide keys: Alt+1..9 show the n-th agent's terminal (in list order: live agents first),
 * Ctrl+Shift+N opens the new-agent dialog, Ctrl+Shift+G (for git) the commit wizard, Alt+M shows
 * or hides the change map, Alt+Shift+M puts it beside the terminal (or back in its place), `?`
 * and F1 the list of shortcuts, Esc closes the map; between panes (pane-shortcuts.ts, in every
 * layout) Alt+Shift+arrows move, Alt+PageUp/PageDown turn the grid's pages (or step tabs and
 * Focus's agents), Alt+Z lets one terminal fill the area or brings the others back. Alt+S shows
 * or hides the Metrics view; Esc closes the Metrics view or the map.
 * The list the user reads is shortcut-list.ts.
 * Listening in the capture phase lets these win over a focused terminal, which would otherwise
 * send them to the agent; Esc and `?` listen in the bubble phase instead, so whatever has the
 * focus (a search box, a dialog, a field) gets them first.
 */
import { inListOrder } from './state/selectors';
import { handlePaneKey } from './pane-shortcuts';
import { useStore } from './state/store';

export function installGlobalShortcuts(): () => void {
  const onKeyDownCapture = (event: KeyboardEvent): void => {
    if (
      handleSelectAgent(event) ||
      handleNewAgent(event) ||
      handleCommit(event) ||
      handleToggleMap(event) ||
      handleToggleMapBeside(event) ||
      handleToggleMetrics(event) ||
      handlePaneKey(event) ||
      handleHelpKey(event)
    ) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    if (handleQuestionMark(event) || handleCloseMetrics(event) || handleCloseMap(event)) event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDownCapture, { capture: true });
  window.addEventListener('keydown', onKeyDown);
  return () => {
    window.removeEventListener('keydown', onKeyDownCapture, { capture: true });
    window.removeEventListener('keydown', onKeyDown);
  };
}

function handleSelectAgent(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  // `code`, not `key`: with Alt held, macOS turns digits into other characters.
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  if (digit === undefined) return false;
  const state = useStore.getState();
  const agent = inListOrder(state.agents)[Number(digit) - 1];
  if (!agent) return false;
  state.showAgent(agent.id);
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

function handleToggleMapBeside(event: KeyboardEvent): boolean {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyM') return false;
  useStore.getState().toggleMapBeside();
  return true;
}

function handleToggleMetrics(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyS') return false;
  useStore.getState().toggleMetrics();
  return true;
}

/** F1 works everywhere, a terminal included: no agent needs it, and typing never produces it. */
function handleHelpKey(event: KeyboardEvent): boolean {
  if (event.key !== 'F1' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return false;
  if (modalDialogOpen()) return false;
  useStore.getState().openShortcuts();
  return true;
}

/** `?` is a character people type: only when no field or terminal has the focus. */
function handleQuestionMark(event: KeyboardEvent): boolean {
  if (event.key !== '?' || event.ctrlKey || event.altKey || event.metaKey) return false;
  if (isTypingTarget(event.target) || modalDialogOpen()) return false;
  useStore.getState().openShortcuts();
  return true;
}

/** The Metrics view is drawn over the map's place, so Esc closes it first. */
function handleCloseMetrics(event: KeyboardEvent): boolean {
  if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return false;
  const state = useStore.getState();
  if (!state.metricsOpen || modalDialogOpen()) return false;
  state.closeMetrics();
  return true;
}

function handleCloseMap(event: KeyboardEvent): boolean {
  if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return false;
  const state = useStore.getState();
  // A dialog over the map closes first (the browser does that); the map waits for the next Esc.
  if (!state.mapOpen || modalDialogOpen()) return false;
  state.toggleMap();
  return true;
}

/** Fields and xterm (whose input is a hidden <textarea>) take what is typed as text. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

const modalDialogOpen = (): boolean => document.querySelector('dialog[open]') !== null;
