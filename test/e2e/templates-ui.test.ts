/**
 * Templates and suggestions in the browser UI of `switchyard serve`, with a real Codex agent against
 * the scripted model: pick a template in the new-agent form, fill its placeholder, start it (the
 * agent runs with the filled task and the template's claim), save the agent's settings as a
 * template from its record, see what it changed suggested for a similar task, and save the form as a template.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { agentListItem, chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { waitFor } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('templates e2e');

interface MonitorJson {
  agents: Array<{ id: string; name: string; task: string; claims: string[] }>;
}

describe.skipIf(!executablePath)('templates in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const monitor = async (): Promise<MonitorJson> => JSON.parse((await serve.cli('monitor', '--repo', repo.dir, '--json')).stdout) as MonitorJson;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    ({ model, repo, serve, page } = app);
    model.script('tmpl-ui', [addFileStep('greetings/ada.txt', 'hello ada'), { kind: 'message', text: 'greeted' }]);
    repo.write(
      '.agents/templates/greet.json',
      JSON.stringify({ description: 'Greet one person', name: 'greet {person}', task: 'Write a greeting for {person} [scenario:tmpl-ui]', claims: ['greetings/{person}.txt'] }),
    );
    repo.write('.agents/templates/broken.json', JSON.stringify({ task: 'x', priority: 'high' }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('picks a template, fills its placeholder and starts the agent with the filled task and the claim', async () => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    // The bad file is named with its problem; the good template is still offered.
    await dialog.getByRole('list', { name: 'Templates that could not be read' }).getByText('.agents/templates/broken.json').waitFor();
    await dialog.getByRole('combobox', { name: /^Template/ }).selectOption('greet');
    expect(await dialog.getByLabel('Task').inputValue()).toBe('Write a greeting for {person} [scenario:tmpl-ui]');

    // Start with the placeholder still empty: refused, naming it.
    await dialog.getByRole('button', { name: 'Start' }).click();
    expect(await dialog.getByRole('alert').innerText()).toBe('Fill in {person} (template "greet" has {person}).');

    await dialog.getByRole('textbox', { name: '{person}', exact: true }).fill('ada');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('greet ada');
    expect(await dialog.getByLabel('Task').inputValue()).toBe('Write a greeting for ada [scenario:tmpl-ui]');
    await dialog.getByRole('list', { name: 'Claims it will hold' }).getByRole('listitem').filter({ hasText: 'greetings/ada.txt' }).waitFor();

    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });
    await agentListItem(page, 'greet ada').waitFor();
    const agent = (await monitor()).agents.find((a) => a.name === 'greet ada');
    expect(agent).toMatchObject({ task: 'Write a greeting for ada [scenario:tmpl-ui]', claims: ['greetings/ada.txt'] });
    await waitFor(() => repo.exists('greetings/ada.txt') && repo.read('greetings/ada.txt') === 'hello ada\n', 'the agent to write greetings/ada.txt');
  });

  it("saves the agent's settings as a template from its record", async () => {
    const actions = page.getByRole('group', { name: 'Actions on greet ada' });
    // By keyboard: a toast (the agent finished) may cover the pane's header for a few seconds.
    const saveAs = actions.getByRole('button', { name: 'Save as template' });
    await saveAs.focus();
    await saveAs.press('Enter');
    const box = page.getByRole('group', { name: 'Save as template' });
    await box.getByLabel('Template name').fill('greet-ada');
    await box.getByRole('button', { name: 'Save template' }).click();
    await box.waitFor({ state: 'detached' });
    const file = path.join(repo.dir, '.agents/templates/greet-ada.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      name: 'greet ada',
      task: 'Write a greeting for ada [scenario:tmpl-ui]',
      claims: ['greetings/ada.txt'],
    });
  });

  it('suggests the files a similar earlier task changed, and adds one as a claim', async () => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    // The saved template is offered now too.
    expect(await dialog.getByRole('combobox', { name: /^Template/ }).locator('option').allInnerTexts()).toEqual([
      'None',
      'greet — Greet one person',
      'greet-ada',
    ]);
    await dialog.getByLabel('Task').fill('Write a greeting for grace');
    const add = dialog.getByRole('button', { name: 'Add claim greetings/ada.txt' });
    await add.waitFor();
    await add.click();
    await dialog.getByRole('list', { name: 'Claims it will hold' }).getByRole('listitem').filter({ hasText: 'greetings/ada.txt' }).waitFor();
    // Once chosen, it is no longer suggested.
    await add.waitFor({ state: 'detached' });

    // The form's settings as a template too: the file holds what the fields say.
    await dialog.getByLabel('Name').fill('greeter');
    await dialog.getByRole('button', { name: 'Save as template' }).click();
    const box = dialog.getByRole('group', { name: 'Save as template' });
    expect(await box.getByLabel('Template name').inputValue()).toBe('greeter');
    await box.getByLabel('Template name').press('Enter');
    await dialog.getByRole('status').filter({ hasText: 'Saved as template "greeter" (.agents/templates/greeter.json).' }).waitFor();
    expect(JSON.parse(repo.read('.agents/templates/greeter.json'))).toEqual({
      name: 'greeter',
      task: 'Write a greeting for grace',
      claims: ['greetings/ada.txt'],
    });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
