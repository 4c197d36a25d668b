import type { AgentStatus } from '../../shared/domain';
import type { CodexTerminalState } from './codex-terminal-state';

/**
 * Maps Codex's own TUI state announcement to an agent status. Codex says "idle" both before its
 * first turn and after each one; a completed turn (its Stop hook) tells them apart.
 */
export function statusFromTerminalState(state: CodexTerminalState, completedTurns: number): AgentStatus {
  switch (state) {
    case 'working':
      return 'working';
    case 'waiting':
      return 'waiting-for-input';
    case 'done':
      return 'finished';
    case 'idle':
      return completedTurns > 0 ? 'finished' : 'ready';
  }
}
