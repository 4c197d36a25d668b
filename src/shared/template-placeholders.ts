/**
 * `{placeholders}` in a template's name, task, claims and dependencies, and filling them in.
 * A placeholder is `{word}` (letters, digits, `_`, `-`; starting with a letter or `_`), so JSON or
 * code in a task (`{"a": 1}`, `{ x }`) is left alone; `{{` and `}}` write a literal brace.
 * Codex arguments are never filled: `-c` values are TOML, full of braces.
 */
import type { AgentTemplate } from './templates';

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** The placeholders of one text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The texts of a template that placeholders are filled in. */
const filledTexts = (template: AgentTemplate): string[] => [template.name ?? '', template.task, ...template.claims, ...template.after];

/** Every placeholder the template uses, in order of first use (name, task, claims, dependencies). */
export function templatePlaceholders(template: AgentTemplate): string[] {
  const names: string[] = [];
  for (const text of filledTexts(template)) for (const name of placeholdersIn(text)) if (!names.includes(name)) names.push(name);
  return names;
}

/** Fills the placeholders that have a value; the others stay as they are (the form shows them so). */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0]!;
    return Object.prototype.hasOwnProperty.call(values, name) ? values[name]! : whole;
  });
}

/** The launch settings a template gives, before the caller adds a terminal size. */
export interface FilledTemplate {
  name: string;
  task: string;
  claims: string[];
  after: string[];
  priority: number;
  codexArgs: string[];
  timeoutMinutes?: number;
  isolated?: boolean;
}

export type FillResult = { ok: true; value: FilledTemplate } | { ok: false; message: string };

/**
 * The template with every placeholder filled from `values`, or a message a person can act on:
 * which placeholders lack a value (listing all the template has), or which values it does not use.
 * Empty values count as missing: an empty file path or task part is never what was meant.
 */
export function fillTemplate(templateName: string, template: AgentTemplate, values: Readonly<Record<string, string>>): FillResult {
  const placeholders = templatePlaceholders(template);
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
  const missing = placeholders.filter((name) => !(name in given));
  const unknown = Object.keys(values).filter((name) => !placeholders.includes(name));
  const all = placeholders.length > 0 ? `it has ${placeholders.map((p) => `{${p}}`).join(', ')}` : 'it has no placeholders';
  if (missing.length > 0) {
    const flags = missing.map((name) => `--set ${name}=…`).join(' ');
    return { ok: false, message: `Template "${templateName}" needs a value for ${missing.map((p) => `{${p}}`).join(', ')} (${all}); give ${flags}.` };
  }
  if (unknown.length > 0) {
    return { ok: false, message: `Template "${templateName}" has no placeholder ${unknown.map((p) => `{${p}}`).join(', ')} (${all}).` };
  }
  const fill = (text: string): string => fillPlaceholders(text, given);
  return {
    ok: true,
    value: {
      name: fill(template.name ?? templateName),
      task: fill(template.task),
      claims: template.claims.map(fill),
      after: template.after.map(fill),
      priority: template.priority,
      codexArgs: [...template.codexArgs],
      ...(template.timeoutMinutes !== undefined ? { timeoutMinutes: template.timeoutMinutes } : {}),
      ...(template.isolated ? { isolated: true } : {}),
    },
  };
}

/** `key=value` from `--set` (the value may hold `=`), or why it is not one. */
export function parseSetting(text: string): { key: string; value: string } | string {
  const at = text.indexOf('=');
  if (at <= 0) return `--set takes key=value, not ${JSON.stringify(text)}`;
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1) };
}
