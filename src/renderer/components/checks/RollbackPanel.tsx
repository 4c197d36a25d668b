import { useEffect, useState } from 'react';
import type { RollbackFile, RollbackPlan } from '../../../shared/checks';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { planRollback, rollBack, rollbackDiff } from '../../state/check-actions';
import { useStore } from '../../state/store';
import { DiffViewer, type DiffMode } from '../diff/DiffViewer';

const ACTION: Record<RollbackFile['action'], string> = { restore: 'restore', delete: 'delete', recreate: 'recreate' };

/**
 * The preview of rolling an agent back: every file it changed with what happens to it, each
 * file's diff in the diff viewer, and the files others changed since (left alone unless ticked).
 */
export function RollbackPanel(props: { agent: Agent; titleId: string; onDone: () => void; onCancel: () => void }) {
  const { agent, titleId, onDone, onCancel } = props;
  const services = useServices();
  const agents = useStore((s) => s.agents);
  const [plan, setPlan] = useState<RollbackPlan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [included, setIncluded] = useState<string[]>([]);
  const [shown, setShown] = useState<RollbackFile | null>(null);
  const [diff, setDiff] = useState('');
  const [mode, setMode] = useState<DiffMode>('unified');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void planRollback(services, agent.id, true).then((result) => {
      if (!current) return;
      if (!result.ok) return setProblem(result.error.message);
      setPlan(result.value);
      setShown(result.value.files[0] ?? null);
    });
    return () => {
      current = false;
    };
  }, [services, agent.id]);

  useEffect(() => {
    let current = true;
    if (shown) void rollbackDiff(services, shown.path, shown.currentVersion, shown.toVersion).then((text) => current && setDiff(text));
    return () => {
      current = false;
    };
  }, [services, shown]);

  const nameOf = (id: string | null): string => (id === null ? 'someone unattributed' : (agents.find((a) => a.id === id)?.name ?? id));
  const ownFiles = plan?.files.filter((f) => f.changedSinceBy.length === 0) ?? [];
  const othersFiles = plan?.files.filter((f) => f.changedSinceBy.length > 0) ?? [];
  const count = ownFiles.length + included.length;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const result = await rollBack(services, agent, included);
    setBusy(false);
    if (result.ok) onDone();
  };

  const fileButton = (file: RollbackFile) => (
    <button type="button" className="rollback-file-button" aria-pressed={shown?.path === file.path} onClick={() => setShown(file)}>
      <code>{file.path}</code>
    </button>
  );

  return (
    <div className="check-body rollback-body" aria-busy={busy || (!plan && !problem)}>
      <h2 id={titleId}>Roll back {agent.name}</h2>
      {problem && <p role="alert">{problem}</p>}
      {plan && plan.files.length === 0 && <p>{agent.name} has no uncommitted changes to roll back.</p>}
      {plan && plan.files.length > 0 && (
        <>
          <p>Every file {agent.name} changed goes back to its version before {agent.name}'s first change. The journal keeps what they hold now, so each can be restored again from its timeline.</p>
          <ul className="rollback-files" aria-label="Files to roll back">
            {ownFiles.map((file) => (
              <li key={file.path} data-path={file.path}>
                <span className={`rollback-action rollback-${file.action}`}>{ACTION[file.action]}</span> {fileButton(file)}
              </li>
            ))}
          </ul>
          {othersFiles.length > 0 && (
            <>
              <p>Changed since by others, left alone unless you include them (rolling one back also undoes their work):</p>
              <ul className="rollback-files" aria-label="Files others changed since">
                {othersFiles.map((file) => (
                  <li key={file.path} data-path={file.path}>
                    <label>
                      <input
                        type="checkbox"
                        checked={included.includes(file.path)}
                        onChange={(event) => setIncluded((list) => (event.target.checked ? [...list, file.path] : list.filter((p) => p !== file.path)))}
                      />{' '}
                      include
                    </label>{' '}
                    <span className={`rollback-action rollback-${file.action}`}>{ACTION[file.action]}</span> {fileButton(file)}{' '}
                    <span className="rollback-others">changed since by {file.changedSinceBy.map(nameOf).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {shown && (
            <div className="rollback-diff" aria-label={`What rolling back ${shown.path} changes`}>
              <DiffViewer diff={diff} mode={mode} onModeChange={setMode} />
            </div>
          )}
        </>
      )}
      {plan && plan.unavailable.length > 0 && (
        <p>
          Cannot be rolled back: {plan.unavailable.map((u) => `${u.path} (${u.reason})`).join('; ')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Back
        </button>
        <button type="button" className="primary danger" disabled={busy || !plan || count === 0} onClick={() => void confirm()}>
          {busy ? 'Rolling back…' : `Roll back ${count} file(s)`}
        </button>
      </div>
    </div>
  );
}
