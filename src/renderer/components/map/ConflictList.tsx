import { useState } from 'react';
import type { Conflict, ConflictAction, ConflictKind, ConflictSeverity } from '../../../shared/conflicts';
import { useServices } from '../../services-context';
import { messageAgent, runConflictAction } from '../../state/change-actions';
import { stopExternalProcess } from '../../state/monitor-actions';
import type { MergeRequest } from '../../state/merge-actions';
import { UNATTRIBUTED, ownerBackground, type AgentColors } from './agent-colors';

const KIND_LABELS: Record<ConflictKind, string> = {
  overlap: 'Overlap',
  violation: 'Lock violation',
  duplicate: 'Duplicate',
  'ping-pong': 'Ping-pong',
  stuck: 'Stuck',
  'import-cycle': 'Import cycle',
  'broken-import': 'Broken import',
};
const SEVERITY_ORDER: Record<ConflictSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** The conflicts beside the map, worst and newest first, each with what to do and buttons that do it. */
export function ConflictList(props: {
  conflicts: readonly Conflict[];
  colors: AgentColors;
  onOpenFile: (path: string) => void;
  onRestore: (path: string, version: number) => void;
  onMerge: (request: MergeRequest) => void;
}) {
  const { conflicts, colors } = props;
  const sorted = [...conflicts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.at.localeCompare(a.at));
  return (
    <section className="map-conflicts" aria-label="Conflicts">
      <h3 className="map-heading">
        Conflicts <span className="map-heading-count">{conflicts.length}</span>
      </h3>
      {sorted.length === 0 ? (
        <p className="map-note">No conflicts between agents right now.</p>
      ) : (
        <ul className="map-conflict-list">
          {sorted.map((conflict) => (
            <ConflictCard key={conflict.id} {...props} conflict={conflict} colors={colors} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictCard(props: {
  conflict: Conflict;
  colors: AgentColors;
  onOpenFile: (path: string) => void;
  onRestore: (path: string, version: number) => void;
  onMerge: (request: MergeRequest) => void;
}) {
  const { conflict, colors, onOpenFile, onRestore, onMerge } = props;
  const services = useServices();
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<Extract<ConflictAction, { type: 'message-agent' }> | null>(null);

  const run = async (action: ConflictAction, index: number): Promise<void> => {
    switch (action.type) {
      case 'open-diff':
        return onOpenFile(action.path);
      case 'restore-version':
        return onRestore(action.path, action.version);
      case 'message-agent':
        return setMessage(action);
      case 'stop-process':
        setBusy(index);
        await stopExternalProcess(services, action.pid);
        setBusy(null);
        return;
      case 'merge-versions':
        return onMerge({ path: action.path, base: action.base, ours: action.ours, theirs: action.theirs });
      default:
        setBusy(index);
        await runConflictAction(services, action, colors.nameOf);
        setBusy(null);
    }
  };

  const titleId = `conflict-${conflict.id.replace(/[^\w-]/g, '_')}`;
  return (
    <li
      className={`map-conflict severity-${conflict.severity}`}
      aria-labelledby={titleId}
      data-conflict-id={conflict.id}
      data-kind={conflict.kind}
    >
      <header className="map-conflict-header">
        <span className={`map-severity severity-${conflict.severity}`}>{conflict.severity}</span>
        <span className="map-conflict-kind" id={titleId}>
          {KIND_LABELS[conflict.kind]}
        </span>
        <span className="map-conflict-agents">
          {conflict.agents.map((agentId, i) => (
            <span key={`${agentId ?? '-'}:${i}`} className="map-agent-tag">
              <span
                className="map-chip-dot"
                style={{ background: agentId === null ? ownerBackground(UNATTRIBUTED, colors) : colors.colorOf(agentId) }}
                aria-hidden="true"
              />
              {agentId === null ? 'unattributed' : colors.nameOf(agentId)}
            </span>
          ))}
        </span>
      </header>
      <p className="map-conflict-summary">{conflict.summary}</p>
      <p className="map-conflict-recommendation">
        <span className="map-label">Recommended:</span> {conflict.recommendation}
      </p>
      {conflict.paths.length > 0 && (
        <p className="map-conflict-paths">
          {conflict.paths.map((path) => (
            <button key={path} type="button" className="map-path-button" title={`Show ${path} in the map`} onClick={() => onOpenFile(path)}>
              {path}
            </button>
          ))}
        </p>
      )}
      {conflict.actions.length > 0 && (
        <div className="map-conflict-actions" role="group" aria-label="Actions">
          {conflict.actions.map((action, index) => (
            <button
              key={`${action.type}:${index}`}
              type="button"
              className={action.type === 'stop-agent' || action.type === 'stop-process' ? 'danger' : undefined}
              disabled={busy !== null}
              onClick={() => void run(action, index)}
            >
              {busy === index ? `${action.label}…` : action.label}
            </button>
          ))}
        </div>
      )}
      {message && <MessageForm action={message} agentName={colors.nameOf(message.agentId)} onDone={() => setMessage(null)} />}
    </li>
  );
}

/** The suggested message, editable, then sent to the agent as a message from the user (see MessagesDialog). */
function MessageForm(props: { action: Extract<ConflictAction, { type: 'message-agent' }>; agentName: string; onDone: () => void }) {
  const { action, agentName, onDone } = props;
  const services = useServices();
  const [text, setText] = useState(action.text);
  const [deliverNow, setDeliverNow] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    setBusy(true);
    const sent = await messageAgent(services, action.agentId, agentName, text, deliverNow);
    setBusy(false);
    if (sent) onDone();
  };
  return (
    <form
      className="map-message-form"
      aria-label={`Message to ${agentName}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label>
        Message to {agentName}
        <textarea rows={3} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <label className="map-message-deliver-now">
        <input type="checkbox" checked={deliverNow} onChange={(event) => setDeliverNow(event.target.checked)} />
        Type it at {agentName}'s prompt if it is idle
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
