import { useEffect, useState, type FormEvent } from 'react';
import { useModalDialog } from './use-modal-dialog';
import { describeCodex } from '../../shared/codex-text';
import type { RepoSettings } from '../../shared/domain';
import type { GateMode } from '../../shared/locks';
import { useServices } from '../services-context';
import { loadSettings, saveSettings } from '../state/core-actions';
import { useCodex, useRepo } from '../state/selectors';
import { WriteGateFields } from './locks/WriteGateFields';
import { formatModelPrices, parseModelPrices } from './metrics/model-prices-text';

/** The contract's bounds (RepoSettingsSchema), repeated here to say them in words. */
const MAX_CONCURRENT_LIMIT = 64;
const STUCK_AFTER_MAX_MINUTES = 24 * 60;

/** The form's fields as typed: numbers stay text until they are checked on Save. */
interface SettingsFields {
  maxConcurrent: string;
  stuckAfterMinutes: string;
  autoStopStuck: boolean;
  gateMode: GateMode;
  claimOnWrite: boolean;
  /** Empty: no test run before committing. */
  testCommand: string;
  /** Run the test command on each agent's changes when it finishes its task. */
  checkAfterAgent: boolean;
  /** Empty: an isolated agent's Codex starts in its new worktree at once. */
  worktreeSetupCommand: string;
  /** Empty: the `codex` on PATH, else the bundled one. */
  codexPath: string;
  deliverMessagesToIdle: boolean;
  /** The metrics' price table, one model a line (model-prices-text.ts). */
  modelPrices: string;
}

/** The repository's settings in a native modal <dialog>; the form mounts (and loads) on each opening. */
export function SettingsDialog(props: { open: boolean; onClose: () => void }) {
  const { open, onClose } = props;
  const dialogRef = useModalDialog(open);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="settings-title" onClose={onClose}>
      {open && <SettingsForm onDone={onClose} />}
    </dialog>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const services = useServices();
  const repo = useRepo();
  const codex = useCodex();
  const [fields, setFields] = useState<SettingsFields | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void loadSettings(services).then((result) => {
      if (!current) return;
      if (!result.ok) return setError(result.error.message);
      const {
        maxConcurrent,
        stuckAfterMinutes,
        autoStopStuck,
        gateMode,
        claimOnWrite,
        testCommand,
        checkAfterAgent,
        worktreeSetupCommand,
        codexPath,
        deliverMessagesToIdle,
        modelPrices,
      } = result.value;
      setFields({
        maxConcurrent: String(maxConcurrent),
        stuckAfterMinutes: String(stuckAfterMinutes),
        autoStopStuck,
        gateMode,
        claimOnWrite,
        testCommand: testCommand ?? '',
        checkAfterAgent,
        worktreeSetupCommand: worktreeSetupCommand ?? '',
        codexPath: codexPath ?? '',
        deliverMessagesToIdle,
        modelPrices: formatModelPrices(modelPrices),
      });
    });
    return () => {
      current = false;
    };
  }, [services]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!fields || busy) return;
    const settings = parseSettings(fields);
    if (typeof settings === 'string') return setError(settings);
    setBusy(true);
    setError(null);
    const result = await saveSettings(services, settings);
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  const update = (patch: Partial<SettingsFields>): void => setFields((f) => (f ? { ...f, ...patch } : f));

  return (
    <form className="settings-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy || fields === null}>
      <h2 id="settings-title">Settings</h2>
      <p className="field-hint">
        {repo ? <>For this repository: <code>{repo}</code></> : 'Settings are kept per repository; open one first.'}
      </p>
      {fields === null ? (
        !error && <p className="field-hint">Loading…</p>
      ) : (
        <>
          <label htmlFor="settings-max-concurrent">Max concurrent agents</label>
          <input
            id="settings-max-concurrent"
            type="number"
            min={1}
            max={MAX_CONCURRENT_LIMIT}
            value={fields.maxConcurrent}
            onChange={(event) => update({ maxConcurrent: event.target.value })}
          />
          <label htmlFor="settings-stuck-after">Stuck after (minutes without progress)</label>
          <input
            id="settings-stuck-after"
            type="number"
            min={1}
            max={STUCK_AFTER_MAX_MINUTES}
            value={fields.stuckAfterMinutes}
            onChange={(event) => update({ stuckAfterMinutes: event.target.value })}
          />
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={fields.autoStopStuck}
              onChange={(event) => update({ autoStopStuck: event.target.checked })}
            />
            Stop stuck agents automatically
          </label>
          <WriteGateFields gateMode={fields.gateMode} claimOnWrite={fields.claimOnWrite} onChange={update} />
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={fields.deliverMessagesToIdle}
              onChange={(event) => update({ deliverMessagesToIdle: event.target.checked })}
            />
            Type messages at an idle agent's prompt (otherwise they wait for its next step)
          </label>
          <label htmlFor="settings-test-command">Test command before committing</label>
          <input
            id="settings-test-command"
            type="text"
            placeholder="e.g. npm test"
            spellCheck={false}
            value={fields.testCommand}
            onChange={(event) => update({ testCommand: event.target.value })}
          />
          <p className="field-hint">Run with <code>sh -c</code> in the repository by the commit wizard; a failure stops the commit. Leave empty for none.</p>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={fields.checkAfterAgent}
              onChange={(event) => update({ checkAfterAgent: event.target.checked })}
            />
            Check each agent when it finishes its task
          </label>
          <p className="field-hint">
            Runs the test command on HEAD plus that agent's changes, in a temporary worktree (the working tree and the other agents are not touched). A failure offers to roll the agent back.
          </p>
          <label htmlFor="settings-worktree-setup">Setup command for isolated worktrees</label>
          <input
            id="settings-worktree-setup"
            type="text"
            placeholder="e.g. npm ci"
            spellCheck={false}
            value={fields.worktreeSetupCommand}
            onChange={(event) => update({ worktreeSetupCommand: event.target.value })}
          />
          <p className="field-hint">
            Run with <code>sh -c</code> in an isolated agent's new worktree, in its terminal, before Codex starts: a worktree holds only what git tracks (no <code>node_modules</code>, no <code>.env</code>). A failure stops the agent. Leave empty for none.
          </p>
          <label htmlFor="settings-codex-path">Codex binary</label>
          <input
            id="settings-codex-path"
            type="text"
            placeholder="e.g. /usr/local/bin/codex"
            spellCheck={false}
            value={fields.codexPath}
            onChange={(event) => update({ codexPath: event.target.value })}
          />
          <p className="field-hint">
            An absolute path for new agents. Empty: the <code>codex</code> on PATH, else the bundled one.{' '}
            <code>--codex-path</code> and <code>SWITCHYARD_CODEX_PATH</code> win over it.
            {codex && <> Now: {describeCodex(codex)}.</>}
          </p>
          <label htmlFor="settings-model-prices">Model prices (for the metrics’ cost)</label>
          <textarea
            id="settings-model-prices"
            rows={5}
            spellCheck={false}
            value={fields.modelPrices}
            onChange={(event) => update({ modelPrices: event.target.value })}
          />
          <p className="field-hint">
            One model a line: <code>model input cached-input output</code>, in USD per million tokens. A model not listed gets no cost, and the metrics say so.
          </p>
        </>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || fields === null || repo === null}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function parseSettings(fields: SettingsFields): Partial<RepoSettings> | string {
  const maxConcurrent = Number(fields.maxConcurrent);
  if (fields.maxConcurrent.trim() === '' || !Number.isInteger(maxConcurrent) || maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT_LIMIT) {
    return `Max concurrent agents is a whole number from 1 to ${MAX_CONCURRENT_LIMIT}.`;
  }
  const stuckAfterMinutes = Number(fields.stuckAfterMinutes);
  if (fields.stuckAfterMinutes.trim() === '' || !(stuckAfterMinutes > 0) || stuckAfterMinutes > STUCK_AFTER_MAX_MINUTES) {
    return `"Stuck after" is a number of minutes above 0 and at most ${STUCK_AFTER_MAX_MINUTES} (a day).`;
  }
  const testCommand = fields.testCommand.trim();
  const codexPath = fields.codexPath.trim();
  const worktreeSetupCommand = fields.worktreeSetupCommand.trim();
  const modelPrices = parseModelPrices(fields.modelPrices);
  if (typeof modelPrices === 'string') return modelPrices;
  return {
    maxConcurrent,
    stuckAfterMinutes,
    autoStopStuck: fields.autoStopStuck,
    gateMode: fields.gateMode,
    claimOnWrite: fields.claimOnWrite,
    testCommand: testCommand === '' ? null : testCommand,
    checkAfterAgent: fields.checkAfterAgent,
    worktreeSetupCommand: worktreeSetupCommand === '' ? null : worktreeSetupCommand,
    codexPath: codexPath === '' ? null : codexPath,
    deliverMessagesToIdle: fields.deliverMessagesToIdle,
    modelPrices,
  };
}
