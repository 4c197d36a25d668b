import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteTemplate, listTemplates, readTemplate, saveTemplate } from '../../../src/core/templates/template-store';
import { AgentTemplateSchema } from '../../../src/shared/templates';

describe('the templates folder', () => {
  let repo: string;
  const write = (name: string, text: string): void => {
    fs.mkdirSync(path.join(repo, '.agents', 'templates'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.agents', 'templates', name), text);
  };
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-templates-'));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('lists nothing, and no problem, when the folder does not exist', () => {
    expect(listTemplates(repo)).toEqual({ templates: [], problems: [] });
  });

  it('lists the good templates and reports each bad file with its field and reason, ignoring other files', () => {
    write('good.json', JSON.stringify({ task: 'Fix {issue}', claims: ['src/'] }));
    write('empty-task.json', JSON.stringify({ task: '   ' }));
    write('bad name.json', JSON.stringify({ task: 'x' }));
    write('README.md', '# not a template');
    const { templates, problems } = listTemplates(repo);
    expect(templates).toEqual([
      {
        templateName: 'good',
        file: '.agents/templates/good.json',
        template: { task: 'Fix {issue}', claims: ['src/'], after: [], priority: 0, codexArgs: [] },
        placeholders: ['issue'],
      },
    ]);
    expect(problems).toEqual([
      { file: '.agents/templates/bad name.json', message: expect.stringMatching(/^the file name: a template name is letters/) },
      { file: '.agents/templates/empty-task.json', message: 'field "task": give the template a task' },
    ]);
  });

  it('saves without the defaults, refuses to overwrite unless asked, reads back and deletes', () => {
    const template = AgentTemplateSchema.parse({ task: 'Do {x}', priority: 2 });
    saveTemplate(repo, 'mine', template, false);
    expect(fs.readFileSync(path.join(repo, '.agents/templates/mine.json'), 'utf8')).toBe('{\n  "task": "Do {x}",\n  "priority": 2\n}\n');
    expect(() => saveTemplate(repo, 'mine', template, false)).toThrow(/A template named "mine" exists/);
    saveTemplate(repo, 'mine', { ...template, priority: 4 }, true);
    expect(readTemplate(repo, 'mine').template.priority).toBe(4);
    deleteTemplate(repo, 'mine');
    expect(() => readTemplate(repo, 'mine')).toThrow('No template "mine" (no templates in .agents/templates/).');
    expect(() => deleteTemplate(repo, 'mine')).toThrow('No template "mine".');
  });
});
