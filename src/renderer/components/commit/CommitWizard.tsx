import { useEffect } from 'react';
import { useModalDialog } from '../use-modal-dialog';
import { useServices } from '../../services-context';
import { COMMIT_STEPS, type CommitStep } from '../../state/commit-slice';
import { useStore } from '../../state/store';
import { draftCommitPlan, editsSettled, followCommitProgress, runCommitPlan } from './commit-actions';
import { useCommitError, useCommitPending, useCommitPlan, useCommitResult, useCommitRunning, useCommitStep, useCommitWizardOpen } from './commit-selectors';
import { CommitStepView } from './CommitStepView';
import { MessagesStep } from './MessagesStep';
import { PlanStep } from './PlanStep';
import { ReviewStep } from './ReviewStep';
import { StrategyStep } from './StrategyStep';
import { committableGroups, includedIsolated } from './plan-view';
import './commit.css';

const STEP_LABELS: Record<CommitStep, string> = {
  plan: 'Plan',
  review: 'Review',
  messages: 'Messages',
  strategy: 'Strategy',
  commit: 'Commit',
};

/**
 * The commit wizard in a native modal <dialog>, from a plan of the working tree to commits. Its
 * content mounts only while open, so each opening drafts a fresh plan.
 */
export function CommitWizard() {
  const open = useCommitWizardOpen();
  const running = useCommitRunning();
  const close = useStore((s) => s.closeCommitWizard);
  const dialogRef = useModalDialog(open);

  return (
    <dialog
      ref={dialogRef}
      className="dialog commit-wizard"
      aria-labelledby="commit-wizard-title"
      data-testid="commit-wizard"
      // Escape must not abandon a commit half way; the run ends by itself.
      onCancel={(event) => {
        if (running) event.preventDefault();
      }}
      onClose={close}
    >
      {open && <CommitWizardBody />}
    </dialog>
  );
}

function CommitWizardBody() {
  const services = useServices();
  const step = useCommitStep();
  const plan = useCommitPlan();
  const pending = useCommitPending();
  const error = useCommitError();
  const running = useCommitRunning();
  const result = useCommitResult();
  const { closeCommitWizard, setCommitStep, setCommitError } = useStore.getState();

  useEffect(() => {
    void draftCommitPlan(services);
    return followCommitProgress(services);
  }, [services]);

  const index = COMMIT_STEPS.indexOf(step);
  const nothingToCommit = plan !== null && plan.changes.length === 0 && (plan.isolated ?? []).length === 0;
  const goTo = async (target: CommitStep): Promise<void> => {
    // A message typed a moment ago is still being saved; the next step must show it.
    await editsSettled();
    setCommitStep(target);
  };
  const previous = COMMIT_STEPS[index - 1];
  const next = COMMIT_STEPS[index + 1];
  // After a completed run there is nothing left to do here: the one closing button says so.
  const done = step === 'commit' && result?.status === 'completed';

  return (
    <div className="commit-wizard-body">
      <header className="commit-wizard-header">
        <h2 id="commit-wizard-title">Commit the agents’ work</h2>
        <ol className="commit-steps" aria-label="Steps">
          {COMMIT_STEPS.map((s, i) => (
            <li key={s} className={s === step ? 'current' : i < index ? 'done' : ''} aria-current={s === step ? 'step' : undefined}>
              {i + 1}. {STEP_LABELS[s]}
            </li>
          ))}
        </ol>
        {pending && (
          <span className="commit-pending" role="status">
            {pending}
          </span>
        )}
      </header>

      {error && (
        <div className="commit-error" role="alert">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss the error" onClick={() => setCommitError(null)}>
            ×
          </button>
        </div>
      )}

      <div className="commit-wizard-content">
        {plan === null ? (
          <p className="commit-note">{pending ?? (error ? 'No plan could be drafted.' : 'Drafting the plan…')}</p>
        ) : nothingToCommit ? (
          <div className="commit-nothing" data-testid="commit-nothing">
            <h3>Nothing to commit</h3>
            <p className="commit-note">The working tree has no changes against {plan.base.ref ?? plan.base.commit ?? 'the empty repository'}.</p>
          </div>
        ) : (
          <StepContent step={step} />
        )}
      </div>

      {/* The step's main action (Next, Commit, Done) is always the footer's last button: it never moves. */}
      <footer className="dialog-actions commit-wizard-footer">
        <button type="button" className={done ? 'primary' : undefined} onClick={closeCommitWizard} disabled={running}>
          {done ? 'Done' : 'Close'}
        </button>
        {step === 'plan' && (plan !== null || error !== null) && (
          <button type="button" title="Draft the plan again from the working tree as it is now" onClick={() => void draftCommitPlan(services)} disabled={pending !== null}>
            Check again
          </button>
        )}
        {previous && (step !== 'commit' || (!running && result === null)) && !nothingToCommit && plan !== null && (
          <button type="button" onClick={() => void goTo(previous)}>
            Back
          </button>
        )}
        {next && next !== 'commit' && !nothingToCommit && plan !== null && (
          <button type="button" className="primary" onClick={() => void goTo(next)}>
            Next: {STEP_LABELS[next]}
          </button>
        )}
        {step === 'strategy' && !nothingToCommit && plan !== null && (
          <button
            type="button"
            className="primary"
            disabled={(committableGroups(plan).length === 0 && includedIsolated(plan).length === 0) || pending !== null}
            onClick={() => void runCommitPlan(services)}
          >
            Commit
          </button>
        )}
      </footer>
    </div>
  );
}

function StepContent({ step }: { step: CommitStep }) {
  switch (step) {
    case 'plan':
      return <PlanStep />;
    case 'review':
      return <ReviewStep />;
    case 'messages':
      return <MessagesStep />;
    case 'strategy':
      return <StrategyStep />;
    case 'commit':
      return <CommitStepView />;
  }
}
