import { useState, type KeyboardEvent } from 'react';
import { TemplateNameSchema, type AgentTemplateInput } from '../../../shared/templates';
import { useServices } from '../../services-context';
import { saveTemplate } from '../../state/template-actions';
import './templates.css';

/**
 * "Save as template": a name field and Save. Not a <form>: it also sits inside the new-agent form,
 * where Enter here must save the template, not start the agent. A taken name offers Replace.
 * `template` is read when Save is pressed, so it holds what the fields say then.
 */
export function SaveTemplateBox(props: { idPrefix: string; suggestedName: string; template: () => AgentTemplateInput; onDone: (message: string | null) => void }) {
  const services = useServices();
  const [templateName, setTemplateName] = useState(props.suggestedName);
  const [problem, setProblem] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const [saving, setSaving] = useState(false);
  const inputId = `${props.idPrefix}-template-name`;

  const save = async (overwrite: boolean): Promise<void> => {
    if (saving) return;
    const named = TemplateNameSchema.safeParse(templateName);
    if (!named.success) return setProblem(named.error.issues[0]?.message ?? 'Check the name.');
    setSaving(true);
    const result = await saveTemplate(services, named.data, props.template(), overwrite);
    setSaving(false);
    if (result.ok) return props.onDone(`Saved as template "${result.value.templateName}" (${result.value.file}).`);
    setProblem(result.error.message);
    setTaken(result.error.message.startsWith('A template named'));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(false);
    } else if (event.key === 'Escape') {
      // Only this box closes, not the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      props.onDone(null);
    }
  };

  return (
    <div className="save-template" role="group" aria-label="Save as template">
      <label htmlFor={inputId}>Template name</label>
      <input
        id={inputId}
        type="text"
        value={templateName}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        aria-invalid={problem !== null}
        onChange={(event) => {
          setProblem(null);
          setTaken(false);
          setTemplateName(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="small-button" disabled={saving} onClick={() => void save(false)}>
        Save template
      </button>
      {taken && (
        <button type="button" className="small-button danger" disabled={saving} onClick={() => void save(true)}>
          Replace it
        </button>
      )}
      <button type="button" className="small-button" onClick={() => props.onDone(null)}>
        Cancel
      </button>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A template name from an agent's name: "Fix login (2)" → "fix-login-2". */
export const templateNameFrom = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|-+$/g, '')
    .slice(0, 64) || 'template';
