import { useServices } from '../../services-context';
import type { CommitRunResult } from '../../state/commit-slice';
import { useStore } from '../../state/store';
import { draftCommitPlan, runCommitPlan } from './commit-actions';
import { useCommitProgress, useCommitResult, useCommitRunning } from './commit-selectors';
import { shortSha, subjectOf } from './plan-view';

const STEP_WORDS: Record<string, string> = {
  check: 'Checking the repository',
  test: 'Running the test command',
  snapshot: 'Reading the working tree',
  stage: 'Building the commit’s tree',
  'pre-commit': 'Running the pre-commit hook',
  message: 'Checking the message (commit-msg hook)',
  commit: 'Writing the commit',
  publish: 'Moving the branch',
  'post-commit': 'Running the post-commit hook',
};

const LEFT_REASONS: Record<CommitRunResult['left'][number]['reason'], string> = {
  excluded: 'excluded',
  undecided: 'undecided',
  'not-committed': 'not committed (the run stopped first)',
  'hunks-not-in-plan': 'changes outside the planned hunks',
};

/** Step 5: live progress, then what was committed, what was not, and a way past a stop. */
export function CommitStepView() {
  const running = useCommitRunning();
  const progress = useCommitProgress();
  const result = useCommitResult();
  if (running) {
    return (
      <div className="commit-progress" role="status" aria-live="polite" data-testid="commit-progress">
        {/* `unit` counts from 1; 0 is the work before the first commit (checks, tests). */}
        <progress max={Math.max(1, progress?.units ?? 1)} value={progress ? Math.max(0, progress.unit - 1) : 0} />
        <p>
          {progress === null
            ? 'Starting…'
            : progress.unit === 0
              ? (STEP_WORDS[progress.step] ?? progress.step)
              : `${STEP_WORDS[progress.step] ?? progress.step} — commit ${progress.unit} of ${progress.units}: ${progress.title}`}
        </p>
      </div>
    );
  }
  if (!result) return <p className="commit-note">The commit did not run; see the error above.</p>;
  return <CommitSummary result={result} />;
}

function CommitSummary({ result }: { result: CommitRunResult }) {
  const services = useServices();
  const { stop } = result;
  return (
    <div className="commit-summary" data-testid="commit-summary" data-status={result.status}>
      <h3>{result.status === 'completed' ? `Committed: ${result.committed.length} ${result.committed.length === 1 ? 'commit' : 'commits'}` : 'The commit stopped'}</h3>

      {stop && (
        <div className="commit-stop" role="alert">
          <p>
            <strong>{stop.message}</strong> <span className="commit-muted">({stop.kind}, at “{STEP_WORDS[stop.step] ?? stop.step}”)</span>
          </p>
          {stop.output && (
            <pre className="commit-hook-output" aria-label="Hook output">
              {stop.output}
            </pre>
          )}
          <p className="commit-note">Fix the cause (the working tree is as it was), then continue with the commits not made yet.</p>
          <div className="commit-stop-actions">
            {result.resume && (
              <button type="button" className="primary" onClick={() => void runCommitPlan(services, result.resume ?? undefined)}>
                Continue
              </button>
            )}
            <button type="button" onClick={() => restart()}>
              Start over with a new plan
            </button>
          </div>
        </div>
      )}

      {result.committed.length > 0 && (
        <>
          <h4 className="commit-heading">New commits</h4>
          <ul className="commit-made" aria-label="New commits">
            {result.committed.map((commit) => (
              <li key={commit.sha} data-sha={commit.sha}>
                <code className="commit-sha" title={commit.sha}>
                  {shortSha(commit.sha)}
                </code>{' '}
                {subjectOf(commit.message)} <span className="commit-muted">— {commit.files.join(', ')}</span>
                {commit.warnings.map((warning) => (
                  <div key={warning} className="commit-warning">
                    {warning}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.skipped.length > 0 && (
        <>
          <h4 className="commit-heading">Skipped</h4>
          <ul>
            {result.skipped.map((skip) => (
              <li key={skip.groupIds.join()}>
                {skip.title}: {skip.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      <h4 className="commit-heading">Left uncommitted</h4>
      {result.left.length === 0 ? (
        <p className="commit-note">Nothing: every change was committed.</p>
      ) : (
        <ul className="commit-left" aria-label="Left uncommitted">
          {result.left.map((left) => (
            <li key={`${left.path}:${left.reason}`}>
              <code>{left.path}</code> <span className="commit-muted">{LEFT_REASONS[left.reason]}</span>
            </li>
          ))}
        </ul>
      )}

      {result.warnings.length > 0 && (
        <ul className="commit-warnings" aria-label="Warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );

  function restart(): void {
    useStore.getState().setCommitStep('plan');
    void draftCommitPlan(services);
  }
}
