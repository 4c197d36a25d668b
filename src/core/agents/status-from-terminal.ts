import type { AgentStatus } from '../../shared/domain';
import type { CodexTerminalState } from './codex-terminal-state';

/** Maps Codex's own TUI state announcement to an agent status. */
export function statusFromTerminalState(state: CodexTerminalState): AgentStatus {
  switch (state) {
    case 'working':
      return 'working';
    case 'waiting':
      return 'waiting-for-input';
    case 'idle':
    case 'done':
      return 'idle';
  }
}
