import { useEffect, useState } from 'react';
import type { TemplateEntry, TemplateProblem } from '../../../shared/templates';
import { useServices } from '../../services-context';
import { listTemplates } from '../../state/template-actions';
import './templates.css';

/**
 * "Template" in the new-agent form: the repository's templates (`.agents/templates/`); picking one
 * fills the form, and each of its {placeholders} gets a field whose value fills in as it is typed.
 * Files that are not valid templates are named with what is wrong, under the picker.
 */
export function TemplatePicker(props: {
  picked: TemplateEntry | null;
  values: Readonly<Record<string, string>>;
  /** Bumped after a save, to list again. */
  revision: number;
  onPick: (entry: TemplateEntry | null) => void;
  onValues: (values: Record<string, string>) => void;
}) {
  const services = useServices();
  const [templates, setTemplates] = useState<TemplateEntry[]>([]);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listTemplates(services).then((result) => {
      if (!live) return;
      if (result.ok) {
        setTemplates(result.value.templates);
        setProblems(result.value.problems);
        setLoadError(null);
      } else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [services, props.revision]);

  if (templates.length === 0 && problems.length === 0 && loadError === null) return null;
  const picked = props.picked;
  return (
    <div className="template-picker">
      <label htmlFor="agent-template">
        Template <span className="optional">optional · fills the form</span>
      </label>
      <select
        id="agent-template"
        value={picked?.templateName ?? ''}
        onChange={(event) => props.onPick(templates.find((t) => t.templateName === event.target.value) ?? null)}
      >
        <option value="">None</option>
        {templates.map((t) => (
          <option key={t.templateName} value={t.templateName} title={t.template.description ?? t.template.task}>
            {t.templateName}
            {t.template.description ? ` — ${t.template.description}` : ''}
          </option>
        ))}
      </select>
      {picked && picked.placeholders.length > 0 && (
        <fieldset className="template-values">
          <legend>Fill in the template</legend>
          {picked.placeholders.map((name) => {
            const inputId = `template-value-${name}`;
            return (
              <div key={name} className="template-value">
                <label htmlFor={inputId}>{`{${name}}`}</label>
                <input
                  id={inputId}
                  type="text"
                  autoComplete="off"
                  value={props.values[name] ?? ''}
                  onChange={(event) => props.onValues({ ...props.values, [name]: event.target.value })}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {loadError && <p className="field-hint">Templates could not be listed: {loadError}</p>}
      {problems.length > 0 && (
        <ul className="template-problems" aria-label="Templates that could not be read">
          {problems.map((problem) => (
            <li key={problem.file} className="field-hint">
              <code>{problem.file}</code>: {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
