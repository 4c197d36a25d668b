/** One hook per field of the commit wizard's state, so a step re-renders only for what it reads. */
import { useStore } from '../../state/store';

export const useCommitWizardOpen = () => useStore((s) => s.commitWizardOpen);
export const useCommitStep = () => useStore((s) => s.commitStep);
export const useCommitPlan = () => useStore((s) => s.commitPlan);
export const useCommitWarnings = () => useStore((s) => s.commitWarnings);
export const useCommitPending = () => useStore((s) => s.commitPending);
export const useCommitError = () => useStore((s) => s.commitError);
export const useCommitOptions = () => useStore((s) => s.commitOptions);
export const useCommitRunning = () => useStore((s) => s.commitRunning);
export const useCommitProgress = () => useStore((s) => s.commitProgress);
export const useCommitResult = () => useStore((s) => s.commitResult);
