import { useEffect, useState } from 'react';
import { useServices } from '../../services-context';
import { loadSettings } from '../../state/core-actions';
import { useStore } from '../../state/store';
import { editCommitPlan } from './commit-actions';
import { useCommitOptions, useCommitPlan } from './commit-selectors';
import { committableGroups, includedIsolated, subjectOf } from './plan-view';

/** Step 4: one commit per agent or one for all, hooks, the test run; the footer's Commit runs it. */
export function StrategyStep() {
  const services = useServices();
  const plan = useCommitPlan();
  const options = useCommitOptions();
  const setOptions = useStore((s) => s.setCommitOptions);
  const testCommand = useTestCommand();
  if (!plan) return null;
  const groups = committableGroups(plan);
  const shared = plan.strategy === 'single' ? (groups.length > 0 ? [subjectOf(plan.singleMessage)] : []) : groups.map((g) => subjectOf(g.message));
  // Isolated branches come back after the shared commits, each as its mode makes it.
  const commits = [...shared, ...includedIsolated(plan).flatMap((g) => (g.mode === 'cherry-pick' ? g.commits.map((c) => c.title) : [subjectOf(g.message)]))];

  return (
    <div className="commit-strategy-step">
      <fieldset className="commit-strategy">
        <legend>Strategy</legend>
        <label className="checkbox-label">
          <input
            type="radio"
            name="commit-strategy"
            checked={plan.strategy === 'per-agent'}
            onChange={() => void editCommitPlan(services, { type: 'set-strategy', strategy: 'per-agent' })}
          />
          One commit per agent
        </label>
        <label className="checkbox-label">
          <input
            type="radio"
            name="commit-strategy"
            checked={plan.strategy === 'single'}
            onChange={() => void editCommitPlan(services, { type: 'set-strategy', strategy: 'single' })}
          />
          One commit for everything
        </label>
      </fieldset>

      <label className="checkbox-label">
        <input type="checkbox" checked={options.skipHooks} onChange={(event) => setOptions({ skipHooks: event.target.checked })} />
        Skip the repository’s hooks (pre-commit, commit-msg)
      </label>
      {options.skipHooks && (
        <p className="commit-warning" role="note">
          Hooks are the repository’s own checks (formatting, lint, message rules). Skipping them is like <code>git commit --no-verify</code>.
        </p>
      )}

      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={options.runTests && testCommand !== null}
          // Disabled until the settings are read too: ticked before then, it would promise a command nobody has seen.
          disabled={testCommand === undefined || testCommand === null}
          onChange={(event) => setOptions({ runTests: event.target.checked })}
        />
        Run the test command first and stop if it fails
      </label>
      <p className="commit-note">
        {testCommand === undefined ? 'Reading the settings…' : testCommand === null ? 'No test command is set (Settings → Test command before committing).' : <code>{testCommand}</code>}
      </p>

      <h3 className="commit-heading">
        {commits.length} {commits.length === 1 ? 'commit' : 'commits'} will be made, in this order
      </h3>
      <ol className="commit-preview" aria-label="Commits to make">
        {commits.map((subject, i) => (
          <li key={i}>{subject || <em>(empty message)</em>}</li>
        ))}
      </ol>
    </div>
  );
}

/** The repository's test command: undefined while loading, null when none is set. */
function useTestCommand(): string | null | undefined {
  const services = useServices();
  const [command, setCommand] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void loadSettings(services).then((result) => {
      if (!current) return;
      if (result.ok) setCommand(result.value.testCommand);
      else {
        setCommand(null);
        useStore.getState().setCommitError(`Reading the settings: ${result.error.message}`);
      }
    });
    return () => {
      current = false;
    };
  }, [services]);
  return command;
}
