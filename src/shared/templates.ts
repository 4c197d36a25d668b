/**
 * Agent templates: an agent's launch settings saved as `.agents/templates/<name>.json`, a file a team
 * can commit and share. The task (and the name, claims and dependencies) may hold `{placeholders}`,
 * filled from `switchyard launch --template NAME --set key=value` or the new-agent form.
 * The file is parsed with AgentTemplateSchema on every load; a bad file is reported with its path,
 * field and reason, next to the good ones (never instead of them).
 */
import { z } from 'zod';

/** A template's name is its file's name: safe in a path, short enough to show in a picker. */
export const TemplateNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a template name is letters, digits, ".", "_" and "-" (up to 64), starting with a letter or digit')
  .refine((name) => !name.endsWith('.json'), 'leave out ".json": the file name adds it');

/** What a template file holds: the launch settings, with the same limits as `agents.launch`. */
export const AgentTemplateSchema = z
  .object({
    /** Shown in the picker and in `switchyard templates`. */
    description: z.string().max(500).optional(),
    /** The agent's name (placeholders allowed); the template's name when absent. */
    name: z.string().trim().min(1, 'an agent name cannot be empty').max(80).optional(),
    task: z.string().trim().min(1, 'give the template a task').max(20_000),
    claims: z.array(z.string().min(1)).max(500).default([]),
    /** Agents (by name; placeholders allowed) that must finish their task first. */
    after: z.array(z.string().min(1)).max(50).default([]),
    priority: z.number().int().min(-1000).max(1000).default(0),
    codexArgs: z.array(z.string()).max(100).default([]),
    timeoutMinutes: z.number().positive().max(7 * 24 * 60).optional(),
    /** Run in its own git worktree and branch (`switchyard/<name>`) instead of the shared tree. */
    isolated: z.boolean().optional(),
  })
  .strict();
export type AgentTemplate = z.output<typeof AgentTemplateSchema>;
export type AgentTemplateInput = z.input<typeof AgentTemplateSchema>;

/** A template as `templates.list` gives it: its name (from the file), the file, and what it needs filled. */
export const TemplateEntrySchema = z.object({
  templateName: TemplateNameSchema,
  /** Repository-relative, e.g. `.agents/templates/fix-bug.json`. */
  file: z.string(),
  template: AgentTemplateSchema,
  placeholders: z.array(z.string()),
});
export type TemplateEntry = z.output<typeof TemplateEntrySchema>;

/** A file in the templates folder that could not be used, and why (field by field). */
export const TemplateProblemSchema = z.object({
  file: z.string(),
  message: z.string(),
});
export type TemplateProblem = z.output<typeof TemplateProblemSchema>;

export const templateCommands = {
  /** The repository's templates (`.agents/templates/*.json`), and the files that are not valid templates. */
  'templates.list': {
    input: z.object({}).strict(),
    output: z.object({ templates: z.array(TemplateEntrySchema), problems: z.array(TemplateProblemSchema) }),
  },
  /** Writes `.agents/templates/<templateName>.json`; refused when it exists, unless `overwrite`. */
  'templates.save': {
    input: z.object({ templateName: TemplateNameSchema, template: AgentTemplateSchema, overwrite: z.boolean().default(false) }).strict(),
    output: TemplateEntrySchema,
  },
  'templates.delete': {
    input: z.object({ templateName: TemplateNameSchema }).strict(),
    output: z.object({ templateName: TemplateNameSchema }),
  },
} as const;
