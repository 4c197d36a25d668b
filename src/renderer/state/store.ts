/**
 * The one renderer store, built from slices (zustand's slices pattern). It holds what the UI
 * shows about the core — never terminal bytes, which go straight from the transport to xterm.
 */
import { create } from 'zustand';
import { createAgentsSlice, type AgentsSlice } from './agents-slice';
import { createChangesSlice, type ChangesSlice } from './changes-slice';
import { createChecksSlice, type ChecksSlice } from './checks-slice';
import { createCodexSlice, type CodexSlice } from './codex-slice';
import { createCommitSlice, type CommitSlice } from './commit-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createLocksSlice, type LocksSlice } from './locks-slice';
import { createMessagesSlice, type MessagesSlice } from './messages-slice';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';
import { createMonitorSlice, type MonitorSlice } from './monitor-slice';
import { createRepoSlice, type RepoSlice } from './repo-slice';
import { createToastsSlice, type ToastsSlice } from './toasts-slice';

export type StoreState = RepoSlice &
  AgentsSlice &
  LayoutSlice &
  ToastsSlice &
  ConnectionSlice &
  MonitorSlice &
  LocksSlice &
  ChangesSlice &
  CommitSlice &
  CodexSlice &
  MessagesSlice &
  MetricsSlice &
  ChecksSlice;

export const useStore = create<StoreState>()((...args) => ({
  ...createRepoSlice(...args),
  ...createAgentsSlice(...args),
  ...createLayoutSlice(...args),
  ...createToastsSlice(...args),
  ...createConnectionSlice(...args),
  ...createMonitorSlice(...args),
  ...createLocksSlice(...args),
  ...createChangesSlice(...args),
  ...createCommitSlice(...args),
  ...createCodexSlice(...args),
  ...createMessagesSlice(...args),
  ...createMetricsSlice(...args),
  ...createChecksSlice(...args),
}));
