import type { CommandOutput, EventPayload } from '../../shared/contract';
import type { SliceCreator } from './slice-creator';

export type CommitPlan = CommandOutput<'commit.plan'>['plan'];
export type CommitRunResult = CommandOutput<'commit.run'>;
export type CommitProgress = EventPayload<'commit.progress'>;

/** The wizard's steps, in order. */
export const COMMIT_STEPS = ['plan', 'review', 'messages', 'strategy', 'commit'] as const;
export type CommitStep = (typeof COMMIT_STEPS)[number];

export interface CommitRunOptions {
  /** Like `git commit --no-verify`: pre-commit and commit-msg hooks do not run. */
  skipHooks: boolean;
  /** Run the repository's test command first; a failure stops the run. */
  runTests: boolean;
}

/**
 * The commit wizard: whether it is open, its step, the plan as the core last returned it, and the
 * run's progress and result. The plan is only ever replaced by the core's answer to an edit.
 */
export interface CommitSlice {
  commitWizardOpen: boolean;
  commitStep: CommitStep;
  commitPlan: CommitPlan | null;
  commitWarnings: string[];
  /** What the wizard is waiting for ("Drafting the plan…"), or null. */
  commitPending: string | null;
  /** The last failure, shown in the wizard until dismissed or the next success. */
  commitError: string | null;
  commitOptions: CommitRunOptions;
  commitRunning: boolean;
  commitProgress: CommitProgress | null;
  commitResult: CommitRunResult | null;
  openCommitWizard(): void;
  closeCommitWizard(): void;
  setCommitStep(step: CommitStep): void;
  setCommitPlan(plan: CommitPlan, warnings?: string[]): void;
  setCommitPending(pending: string | null): void;
  setCommitError(error: string | null): void;
  setCommitOptions(options: Partial<CommitRunOptions>): void;
  startCommitRun(): void;
  setCommitProgress(progress: CommitProgress): void;
  finishCommitRun(result: CommitRunResult | null): void;
}

const FRESH = {
  commitStep: 'plan',
  commitPlan: null,
  commitWarnings: [],
  commitPending: null,
  commitError: null,
  commitRunning: false,
  commitProgress: null,
  commitResult: null,
} as const satisfies Partial<CommitSlice>;

export const createCommitSlice: SliceCreator<CommitSlice> = (set) => ({
  ...FRESH,
  commitWarnings: [],
  commitWizardOpen: false,
  commitOptions: { skipHooks: false, runTests: true },
  // Every opening starts from a fresh plan: the working tree has moved on since the last one.
  openCommitWizard: () => set((state) => (state.commitWizardOpen ? {} : { ...FRESH, commitWarnings: [], commitWizardOpen: true })),
  // A running commit cannot be abandoned half way; the wizard stays open until it ends.
  closeCommitWizard: () => set((state) => (state.commitRunning ? {} : { commitWizardOpen: false })),
  setCommitStep: (commitStep) => set({ commitStep }),
  setCommitPlan: (commitPlan, warnings) => set(warnings ? { commitPlan, commitWarnings: warnings, commitError: null } : { commitPlan, commitError: null }),
  setCommitPending: (commitPending) => set({ commitPending }),
  setCommitError: (commitError) => set({ commitError }),
  setCommitOptions: (options) => set((state) => ({ commitOptions: { ...state.commitOptions, ...options } })),
  startCommitRun: () => set({ commitRunning: true, commitProgress: null, commitResult: null, commitError: null, commitStep: 'commit' }),
  setCommitProgress: (commitProgress) => set((state) => (state.commitRunning ? { commitProgress } : {})),
  finishCommitRun: (commitResult) => set({ commitRunning: false, commitResult }),
});
