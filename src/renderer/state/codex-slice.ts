import type { CodexInfo } from '../../shared/codex';
import type { SliceCreator } from './slice-creator';

export interface CodexSlice {
  /** Which Codex new agents start (and why), or what is wrong; null until asked. */
  codex: CodexInfo | null;
  setCodex(codex: CodexInfo): void;
}

export const createCodexSlice: SliceCreator<CodexSlice> = (set) => ({
  codex: null,
  setCodex: (codex) => set({ codex }),
});
