/**
 * `switchyard templates` (the repository's agent templates, and what is wrong with bad files) and
 * `switchyard launch --template NAME --set key=value` (the launch input a template gives). Both read
 * `.agents/templates/` from disk through the same loader the core uses, so listing works without a
 * running Switchyard and a file is judged the same way everywhere.
 */
import type { LaunchInput } from '../shared/contract';
import { fillTemplate, parseSetting } from '../shared/template-placeholders';
import { listTemplates, readTemplate } from '../core/templates/template-store';
import { CliError } from './cli-error';

/** Where lines go (commands.ts's Output; not imported from there, which imports this file). */
interface Lines {
  out(line: string): void;
}

/** What `switchyard launch` was given beside --template. */
export interface TemplateLaunchOptions {
  template: string;
  set?: string[];
  name?: string;
  task?: string;
  claim: string[];
  codexArg: string[];
  codexHome?: string;
  after: string[];
  priority?: number;
  timeout?: number;
  isolated?: boolean;
}

/** Lists the templates; bad files go to stderr and make the exit code 1, so CI can check a shared folder. */
export function templatesCommand(repo: string, options: { json?: boolean }, output: Lines, errors: Lines): void {
  const { templates, problems } = listTemplates(repo);
  if (options.json) {
    output.out(JSON.stringify({ templates, problems }));
  } else if (templates.length === 0) {
    output.out(`No templates in ${repo}/.agents/templates/.`);
  } else {
    const rows = [
      ['NAME', 'PLACEHOLDERS', 'DESCRIPTION'],
      ...templates.map((t) => [
        t.templateName,
        t.placeholders.map((p) => `{${p}}`).join(' ') || '-',
        (t.template.description ?? t.template.task).replace(/\s+/g, ' ').slice(0, 60),
      ]),
    ];
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
    for (const row of rows) output.out(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
  }
  for (const problem of problems) errors.out(`bad template ${problem.file}: ${problem.message}`);
  if (problems.length > 0) process.exitCode = 1;
}

/**
 * The launch input from a template, its placeholders filled from `--set`. Options given beside
 * `--template` win (`--name`, `--task`, `--priority`, `--timeout`) or add to it (`--claim`,
 * `--after`, `--codex-arg`).
 */
export function templateLaunchInput(repo: string, options: TemplateLaunchOptions): Omit<LaunchInput, 'cols' | 'rows'> {
  const values: Record<string, string> = {};
  for (const text of options.set ?? []) {
    const setting = parseSetting(text);
    if (typeof setting === 'string') throw new CliError(setting, 2);
    values[setting.key] = setting.value;
  }
  const entry = readTemplate(repo, options.template);
  const filled = fillTemplate(entry.templateName, entry.template, values);
  if (!filled.ok) throw new CliError(filled.message, 2);
  const t = filled.value;
  const timeoutMinutes = options.timeout ?? t.timeoutMinutes;
  return {
    name: options.name ?? t.name,
    task: options.task ?? t.task,
    claims: [...t.claims, ...options.claim],
    codexArgs: [...t.codexArgs, ...options.codexArg],
    after: [...t.after, ...options.after],
    priority: options.priority ?? t.priority,
    ...(timeoutMinutes !== undefined ? { timeoutMinutes } : {}),
    ...(options.codexHome ? { codexHome: options.codexHome } : {}),
    // --isolated adds isolation to a template that has none; a template's isolation cannot be turned off here.
    ...(options.isolated || t.isolated ? { isolated: true } : {}),
  };
}
