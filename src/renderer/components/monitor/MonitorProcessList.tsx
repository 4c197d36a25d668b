import type { DiscoveredProcess } from '../../../shared/monitor';
import { StopExternalButton } from './StopExternalButton';

/** Tasks are cut to what fits the sidebar; the full prompt is in the tooltip. */
const TASK_EXCERPT_CHARS = 80;

const excerpt = (text: string): string => (text.length > TASK_EXCERPT_CHARS ? `${text.slice(0, TASK_EXCERPT_CHARS - 1)}…` : text);

/** The folder relative to the repository, as the user thinks of it. */
function folderLabel(repo: string, folder: string | null): string {
  if (folder === null) return 'folder unknown';
  if (folder === repo) return '(root)';
  return folder.startsWith(`${repo}/`) ? folder.slice(repo.length + 1) : folder;
}

/** Codex processes in the repository that Switchyard did not start (or no longer tracks). */
export function MonitorProcessList({ repo, processes }: { repo: string; processes: DiscoveredProcess[] }) {
  if (processes.length === 0) return <p className="monitor-note">No Codex runs here outside Switchyard.</p>;
  return (
    <ul className="monitor-list" role="list" aria-label="Unmanaged Codex processes">
      {processes.map((process) => (
        <li key={process.pid} className="monitor-item" data-pid={process.pid}>
          <div className="monitor-item-line">
            <span className="monitor-pid">pid {process.pid}</span>
            <span className="monitor-kind">{process.kind}</span>
            <span className="monitor-folder" title={process.workdir ?? undefined}>
              {folderLabel(repo, process.workdir)}
            </span>
            <StopExternalButton process={process} />
          </div>
          <div className="monitor-task" title={process.task ?? process.command}>
            {process.task === null ? 'no prompt on its command line' : excerpt(process.task)}
          </div>
          {process.agentId !== null && (
            <div className="monitor-note">Started by Switchyard as agent {process.agentId}, which no longer tracks it.</div>
          )}
        </li>
      ))}
    </ul>
  );
}
