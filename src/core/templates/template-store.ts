/**
 * The repository's agent templates on disk: `.agents/templates/<name>.json`, one template a file,
 * written pretty-printed so a team can review and commit them (`git add -f`: Switchyard keeps
 * `.agents/` out of git through .git/info/exclude). Every file is parsed with the contract's
 * AgentTemplateSchema on each load; a file that fails is reported (file, field, why) and the
 * others are still listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { SwitchyardError } from '../../shared/result';
import { templatePlaceholders } from '../../shared/template-placeholders';
import { AgentTemplateSchema, TemplateNameSchema, type AgentTemplate, type TemplateEntry, type TemplateProblem } from '../../shared/templates';

export const TEMPLATES_DIR = path.join('.agents', 'templates');
const EXTENSION = '.json';
/** Larger than any valid template (a 20,000-character task and 500 claims); a bigger file is a mistake. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface TemplateListing {
  templates: TemplateEntry[];
  problems: TemplateProblem[];
}

const relativeFile = (templateName: string): string => path.posix.join('.agents', 'templates', `${templateName}${EXTENSION}`);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      // A misspelt field ("claim" for "claims") is the commonest mistake in a hand-written file: name the fields there are.
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key}"`).join(', ');
        return `unknown field ${keys} (a template has: ${Object.keys(AgentTemplateSchema.shape).join(', ')})`;
      }
      const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the file';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** Every template of `repo`, sorted by name, and the files that are not valid templates. */
export function listTemplates(repo: string): TemplateListing {
  const dir = path.join(repo, TEMPLATES_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { templates: [], problems: [] };
    return { templates: [], problems: [{ file: TEMPLATES_DIR, message: `cannot read the folder: ${(error as Error).message}` }] };
  }
  const templates: TemplateEntry[] = [];
  const problems: TemplateProblem[] = [];
  for (const fileName of names.sort()) {
    if (!fileName.endsWith(EXTENSION)) continue;
    const loaded = loadTemplateFile(repo, fileName.slice(0, -EXTENSION.length));
    if ('message' in loaded) problems.push(loaded);
    else templates.push(loaded);
  }
  // By name, not file name: "greet" before "greet-ada" (".json" would sort after "-").
  templates.sort((a, b) => (a.templateName < b.templateName ? -1 : a.templateName > b.templateName ? 1 : 0));
  return { templates, problems };
}

/** One template by name: the entry, or a problem (a missing file says which templates there are). */
export function readTemplate(repo: string, templateName: string): TemplateEntry {
  const named = TemplateNameSchema.safeParse(templateName);
  if (!named.success) throw new SwitchyardError('invalid-input', `No template ${JSON.stringify(templateName)}: ${named.error.issues[0]?.message}.`);
  if (!fs.existsSync(path.join(repo, relativeFile(named.data)))) {
    const { templates } = listTemplates(repo);
    const known = templates.length > 0 ? `templates here: ${templates.map((t) => t.templateName).join(', ')}` : `no templates in ${TEMPLATES_DIR}/`;
    throw new SwitchyardError('not-found', `No template "${named.data}" (${known}).`);
  }
  const loaded = loadTemplateFile(repo, named.data);
  if ('message' in loaded) throw new SwitchyardError('invalid-input', `${loaded.file} is not a valid template: ${loaded.message}`);
  return loaded;
}

function loadTemplateFile(repo: string, templateName: string): TemplateEntry | TemplateProblem {
  const file = relativeFile(templateName);
  const named = TemplateNameSchema.safeParse(templateName);
  if (!named.success) return { file, message: `the file name: ${named.error.issues[0]?.message}` };
  let text: string;
  try {
    const absolute = path.join(repo, file);
    if (fs.statSync(absolute).size > MAX_TEMPLATE_BYTES) return { file, message: `larger than ${MAX_TEMPLATE_BYTES} bytes` };
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    return { file, message: `cannot read it: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { file, message: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = AgentTemplateSchema.safeParse(json);
  if (!parsed.success) return { file, message: describeIssues(parsed.error) };
  return entryOf(named.data, parsed.data);
}

const entryOf = (templateName: string, template: AgentTemplate): TemplateEntry => ({
  templateName,
  file: relativeFile(templateName),
  template,
  placeholders: templatePlaceholders(template),
});

/** Writes the template (atomically: a reader never sees half a file); refused when it exists unless `overwrite`. */
export function saveTemplate(repo: string, templateName: string, template: AgentTemplate, overwrite: boolean): TemplateEntry {
  const file = path.join(repo, relativeFile(templateName));
  if (!overwrite && fs.existsSync(file)) {
    throw new SwitchyardError('invalid-input', `A template named "${templateName}" exists (${relativeFile(templateName)}); choose another name or replace it.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(withoutDefaults(template), null, 2)}\n`);
  fs.renameSync(temporary, file);
  return entryOf(templateName, template);
}

export function deleteTemplate(repo: string, templateName: string): void {
  try {
    fs.unlinkSync(path.join(repo, relativeFile(templateName)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SwitchyardError('not-found', `No template "${templateName}".`);
    throw error;
  }
}

/** The file keeps what differs from the defaults, in the schema's order, so it reads like a hand-written one. */
function withoutDefaults(template: AgentTemplate): Partial<AgentTemplate> {
  const { description, name, task, claims, after, priority, codexArgs, timeoutMinutes } = template;
  return {
    ...(description !== undefined ? { description } : {}),
    ...(name !== undefined ? { name } : {}),
    task,
    ...(claims.length > 0 ? { claims } : {}),
    ...(after.length > 0 ? { after } : {}),
    ...(priority !== 0 ? { priority } : {}),
    ...(codexArgs.length > 0 ? { codexArgs } : {}),
    ...(timeoutMinutes !== undefined ? { timeoutMinutes } : {}),
  };
}
