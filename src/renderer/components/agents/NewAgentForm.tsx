import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { LaunchInputSchema } from '../../../shared/contract';
import { useServices } from '../../services-context';
import { launchAgent } from '../../state/core-actions';
import type { NewAgentPrefill } from '../../state/layout-slice';
import { addClaimPatterns } from '../locks/claim-patterns';
import { ClaimsEditor } from '../locks/ClaimsEditor';
import { WaitsForPicker } from './WaitsForPicker';
import { fillPlaceholders, placeholdersIn } from '../../../shared/template-placeholders';
import type { AgentTemplateInput, TemplateEntry } from '../../../shared/templates';
import { useStore } from '../../state/store';
import { ClaimSuggestionsPanel } from './ClaimSuggestionsPanel';
import { SaveTemplateBox, templateNameFrom } from './SaveTemplateBox';
import { TemplatePicker } from './TemplatePicker';

/** One argument per line, so an argument may contain spaces or commas. */
const splitArgs = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

const PRIORITY_LIMIT = 1000;
const TIME_LIMIT_MAX_MINUTES = 7 * 24 * 60;

/** The number fields as the contract wants them, or the sentence that says what is wrong. */
function parseNumbers(priorityText: string, timeLimitText: string): { priority: number; timeoutMinutes?: number } | string {
  const priority = priorityText.trim() === '' ? 0 : Number(priorityText);
  if (!Number.isInteger(priority) || Math.abs(priority) > PRIORITY_LIMIT) {
    return `Priority is a whole number from -${PRIORITY_LIMIT} to ${PRIORITY_LIMIT}.`;
  }
  if (timeLimitText.trim() === '') return { priority };
  const timeoutMinutes = Number(timeLimitText);
  if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0 || timeoutMinutes > TIME_LIMIT_MAX_MINUTES) {
    return `The time limit is a number of minutes above 0 and at most ${TIME_LIMIT_MAX_MINUTES} (a week), or empty for none.`;
  }
  return { priority, timeoutMinutes };
}

/** The form's fields start empty, or with an ended agent's choices ("Run again"). */
export function NewAgentForm(props: { prefill?: NewAgentPrefill | null; onCancel: () => void; onLaunched: (agentId: string) => void }) {
  const services = useServices();
  const prefill = props.prefill ?? null;
  const [name, setName] = useState(prefill?.name ?? '');
  const [task, setTask] = useState(prefill?.task ?? '');
  const [claims, setClaims] = useState<string[]>(prefill?.claims ?? []);
  /** Typed in "Files it owns" but not added yet; it counts as added when the agent starts. */
  const [claimDraft, setClaimDraft] = useState('');
  const [codexArgs, setCodexArgs] = useState(prefill?.codexArgs.join('\n') ?? '');
  const [after, setAfter] = useState<string[]>([]);
  const [priority, setPriority] = useState(String(prefill?.priority ?? 0));
  const [timeLimit, setTimeLimit] = useState('');
  const [isolated, setIsolated] = useState(prefill?.isolated ?? false);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [template, setTemplate] = useState<TemplateEntry | null>(null);
  const [templateValues, setTemplateValues] = useState<Record<string, string>>({});
  /** Bumped after a template is saved, so the picker lists it. */
  const [templateRevision, setTemplateRevision] = useState(0);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [templateNotice, setTemplateNotice] = useState<string | null>(null);

  /** Fills every field from the template, its placeholders from the values typed so far (the rest stay {name}). */
  const applyTemplate = (entry: TemplateEntry | null, values: Record<string, string>): void => {
    setTemplate(entry);
    setTemplateValues(values);
    if (!entry) return;
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const fill = (text: string): string => fillPlaceholders(text, given);
    const t = entry.template;
    setName(fill(t.name ?? entry.templateName));
    setTask(fill(t.task));
    setClaims(t.claims.map(fill));
    setCodexArgs(t.codexArgs.join('\n'));
    setPriority(String(t.priority));
    setTimeLimit(t.timeoutMinutes !== undefined ? String(t.timeoutMinutes) : '');
    setIsolated(t.isolated ?? false);
    // Dependencies are names in a template: the agents of that name now (others cannot be waited for).
    const agents = useStore.getState().agents;
    setAfter(t.after.map(fill).flatMap((ref) => agents.filter((a) => a.name === ref || a.id === ref).map((a) => a.id)));
  };

  /** The form as a template: dependencies by name, so the file still means something after these agents are gone. */
  const formAsTemplate = (): AgentTemplateInput => {
    const numbers = parseNumbers(priority, timeLimit);
    const agents = useStore.getState().agents;
    return {
      ...(name.trim() ? { name } : {}),
      task,
      claims: addClaimPatterns(claims, claimDraft),
      codexArgs: splitArgs(codexArgs),
      after: after.map((id) => agents.find((a) => a.id === id)?.name ?? id),
      ...(typeof numbers === 'string' ? {} : numbers),
      ...(isolated ? { isolated: true } : {}),
    };
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (launching) return;
    const numbers = parseNumbers(priority, timeLimit);
    if (typeof numbers === 'string') {
      setError(numbers);
      return;
    }
    const input = { name, task, claims: addClaimPatterns(claims, claimDraft), codexArgs: splitArgs(codexArgs), after, ...numbers, ...(isolated ? { isolated: true } : {}) };
    // A template's placeholder still in a field means a value is missing (the fields may have been edited since).
    if (template) {
      const unfilled = template.placeholders.filter((p) => [input.name, input.task, ...input.claims].some((text) => placeholdersIn(text).includes(p)));
      if (unfilled.length > 0) {
        setError(`Fill in ${unfilled.map((p) => `{${p}}`).join(', ')} (template "${template.templateName}" has ${template.placeholders.map((p) => `{${p}}`).join(', ')}).`);
        return;
      }
    }
    // Same schema as the core, so the message is the same as the core's would be, without a round trip.
    const checked = LaunchInputSchema.safeParse(input);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Check the fields.');
      return;
    }
    setLaunching(true);
    setError(null);
    const result = await launchAgent(services, input);
    setLaunching(false);
    if (result.ok) props.onLaunched(result.value.id);
    else setError(result.error.message);
  };

  // Ctrl+Enter (or Cmd+Enter) starts from a multi-line field, where plain Enter adds a line.
  const submitOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    // noValidate: the number fields are checked in submit(), with a message in the form, not a browser tooltip.
    <form className="new-agent-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={launching}>
      <h2 id="new-agent-title">{prefill ? 'Run again' : 'New agent'}</h2>
      <TemplatePicker
        picked={template}
        values={templateValues}
        revision={templateRevision}
        onPick={(entry) => applyTemplate(entry, {})}
        onValues={(values) => applyTemplate(template, values)}
      />
      <label htmlFor="agent-name">Name</label>
      <input
        id="agent-name"
        aria-label="Agent name"
        data-autofocus
        type="text"
        value={name}
        maxLength={80}
        autoComplete="off"
        onChange={(event) => setName(event.target.value)}
      />
      <label htmlFor="agent-task">Task</label>
      <textarea id="agent-task" rows={6} value={task} onChange={(e) => setTask(e.target.value)} onKeyDown={submitOnCtrlEnter} />
      <ClaimsEditor claims={claims} draft={claimDraft} onClaimsChange={setClaims} onDraftChange={setClaimDraft} />
      <ClaimSuggestionsPanel task={task} claims={claims} onAdd={(pattern) => setClaims(addClaimPatterns(claims, pattern))} />
      <label htmlFor="agent-codex-args">
        Extra Codex arguments <span className="optional">optional · one per line</span>
      </label>
      <textarea
        id="agent-codex-args"
        rows={2}
        value={codexArgs}
        spellCheck={false}
        placeholder={'-c\nmodel_reasoning_effort="high"'}
        onChange={(e) => setCodexArgs(e.target.value)}
        onKeyDown={submitOnCtrlEnter}
      />
      <WaitsForPicker selected={after} onChange={setAfter} />
      <div className="form-row">
        <div className="form-field">
          <label htmlFor="agent-priority">
            Priority <span className="optional">higher goes first in the queue</span>
          </label>
          <input
            id="agent-priority"
            type="number"
            step={1}
            min={-PRIORITY_LIMIT}
            max={PRIORITY_LIMIT}
            value={priority}
            onChange={(event) => setPriority(event.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="agent-time-limit">
            Time limit (minutes) <span className="optional">optional</span>
          </label>
          <input
            id="agent-time-limit"
            type="number"
            min={0}
            max={TIME_LIMIT_MAX_MINUTES}
            step="any"
            placeholder="none"
            value={timeLimit}
            onChange={(event) => setTimeLimit(event.target.value)}
          />
        </div>
      </div>
      <label className="checkbox-label" title="A git worktree under .agents/worktrees/ on a new branch switchyard/<name>, made from HEAD">
        <input type="checkbox" checked={isolated} onChange={(event) => setIsolated(event.target.checked)} />
        Isolated (own worktree and branch)
      </label>
      {isolated && (
        <p className="field-hint">
          It works on its own copy of the repository, so it never meets the other agents’ files; its claims are only advisory. Bring its work back with the
          commit wizard.
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {savingTemplate && (
        <SaveTemplateBox
          idPrefix="new-agent"
          suggestedName={template?.templateName ?? templateNameFrom(name)}
          template={formAsTemplate}
          onDone={(message) => {
            setSavingTemplate(false);
            setTemplateNotice(message);
            if (message) setTemplateRevision((n) => n + 1);
          }}
        />
      )}
      {templateNotice && (
        <p className="field-hint" role="status">
          {templateNotice}
        </p>
      )}
      <div className="dialog-actions">
        {!savingTemplate && (
          <button type="button" className="dialog-actions-start" onClick={() => setSavingTemplate(true)} title="Save these settings as .agents/templates/<name>.json">
            Save as template
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={launching}>
          {launching ? 'Starting…' : 'Start'}
        </button>
      </div>
    </form>
  );
}
