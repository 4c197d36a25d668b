import type { SwitchyardApi } from '../../shared/api';
import type { TerminalRegistry } from '../terminals/terminal-registry';

/** What the UI's actions use to reach the core: the contract, and the terminals outside React. */
export interface CoreServices {
  api: SwitchyardApi;
  terminals: TerminalRegistry;
}
