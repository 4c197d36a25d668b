import { describe, expect, it } from 'vitest';
import { fillPlaceholders, fillTemplate, parseSetting, placeholdersIn, templatePlaceholders } from '../../../src/shared/template-placeholders';
import { AgentTemplateSchema } from '../../../src/shared/templates';

const template = (input: Record<string, unknown>) => AgentTemplateSchema.parse(input);

describe('template placeholders', () => {
  it('finds {word} placeholders in order of first use, leaving JSON, code and escaped braces alone', () => {
    expect(placeholdersIn('Fix {issue} in {module}; see {issue} again')).toEqual(['issue', 'module']);
    expect(placeholdersIn('send {"a": 1} and { x } and {{literal}} and {1bad}')).toEqual([]);
    expect(
      templatePlaceholders(template({ name: 'fix {issue}', task: 'Fix {issue} in {module}', claims: ['src/{module}/'], after: ['{before}'] })),
    ).toEqual(['issue', 'module', 'before']);
  });

  it('fills the placeholders with values given and keeps the rest as written; {{ and }} give literal braces', () => {
    expect(fillPlaceholders('Fix {issue} in {module}', { issue: 'T-7' })).toBe('Fix T-7 in {module}');
    expect(fillPlaceholders('write {{issue}} for {issue}', { issue: 'T-7' })).toBe('write {issue} for T-7');
    // A value is inserted as is: braces in it are not read as placeholders again.
    expect(fillPlaceholders('{a} {b}', { a: '{b}', b: 'x' })).toBe('{b} x');
  });

  it('fills name, task, claims and dependencies but never Codex arguments (TOML braces)', () => {
    const filled = fillTemplate(
      'fix',
      template({
        name: 'fix {issue}',
        task: 'Fix {issue} in {module}',
        claims: ['src/{module}/', 'test/{module}.test.ts'],
        after: ['{before}'],
        priority: 5,
        codexArgs: ['-c', 'x={model}'],
        timeoutMinutes: 30,
      }),
      { issue: 'T-7', module: 'auth', before: 'setup' },
    );
    expect(filled).toEqual({
      ok: true,
      value: {
        name: 'fix T-7',
        task: 'Fix T-7 in auth',
        claims: ['src/auth/', 'test/auth.test.ts'],
        after: ['setup'],
        priority: 5,
        codexArgs: ['-c', 'x={model}'],
        timeoutMinutes: 30,
      },
    });
  });

  it("names the agent after the template when the template gives no name", () => {
    const filled = fillTemplate('docs-pass', template({ task: 'Proofread the docs' }), {});
    expect(filled.ok && filled.value.name).toBe('docs-pass');
  });

  it('a missing (or empty) value is an error listing every placeholder of the template and the --set to give', () => {
    const t = template({ task: 'Fix {issue} in {module} by {owner}' });
    expect(fillTemplate('fix', t, { issue: 'T-7', owner: '  ' })).toEqual({
      ok: false,
      message: 'Template "fix" needs a value for {module}, {owner} (it has {issue}, {module}, {owner}); give --set module=… --set owner=….',
    });
  });

  it('a value for a placeholder the template does not have is an error (a typo would be lost otherwise)', () => {
    expect(fillTemplate('fix', template({ task: 'Fix {issue}' }), { issue: 'T-7', isue: 'x' })).toEqual({
      ok: false,
      message: 'Template "fix" has no placeholder {isue} (it has {issue}).',
    });
    expect(fillTemplate('plain', template({ task: 'Tidy up' }), { a: 'b' })).toEqual({
      ok: false,
      message: 'Template "plain" has no placeholder {a} (it has no placeholders).',
    });
  });

  it('--set takes key=value; the value may hold "=" and be empty', () => {
    expect(parseSetting('query=a=b')).toEqual({ key: 'query', value: 'a=b' });
    expect(parseSetting('x=')).toEqual({ key: 'x', value: '' });
    expect(parseSetting('novalue')).toBe('--set takes key=value, not "novalue"');
    expect(parseSetting('=v')).toBe('--set takes key=value, not "=v"');
  });
});
