import type { SwitchyardApi } from '../../shared/api';
import type { TerminalRegistry } from '../terminals/terminal-registry';

/** Switching the window between cores (issue 16); absent where it cannot (the Electron window). */
export interface ConnectionServices {
  /** This page's own core, which keeps the list of connections. */
  home: SwitchyardApi;
  /** Points `api` at another connection. */
  switchTo(id: string): void;
  /** Reconnects the window's socket now rather than at its next backoff step. */
  retryNow(): void;
}

/** What the UI's actions use to reach the core: the contract, and the terminals outside React. */
export interface CoreServices {
  api: SwitchyardApi;
  terminals: TerminalRegistry;
  connections?: ConnectionServices;
}
