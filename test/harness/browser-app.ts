/**
 * What every browser e2e test starts: a scripted model, an isolated CODEX_HOME, a temporary
 * repository, a real `switchyard serve` for it, and headless Chromium with a page on its UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { makeCodexHome, type CodexHome } from './codex-home';
import { startModelServer, type ModelServer } from './model-server';
import { APP_ROOT, cliEnv, startServe, type ServeProcess } from './serve-process';
import { makeTempRepo, type TempRepo } from './temp-repo';

/**
 * The Chromium to drive, or null with the reason printed (the suite then skips). CI sets
 * SWITCHYARD_REQUIRE_CHROMIUM=1, which turns a missing browser into a failure instead.
 */
export function chromiumForSuite(suite: string): string | null {
  const executablePath = findChromium();
  if (executablePath) return executablePath;
  if (process.env.SWITCHYARD_REQUIRE_CHROMIUM === '1') {
    throw new Error("SWITCHYARD_REQUIRE_CHROMIUM=1 but no Chromium was found (install Debian's chromium).");
  }
  console.warn(`SKIPPED ${suite}: no Chromium found (set SWITCHYARD_CHROMIUM or install /usr/bin/chromium).`);
  return null;
}

export interface BrowserApp {
  model: ModelServer;
  home: CodexHome;
  repo: TempRepo;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  viewport?: { width: number; height: number };
  /** Browser permissions for the served origin (e.g. the clipboard). */
  permissions?: string[];
  /** Open the UI and wait until it shows the repository; false leaves the page blank. Default true. */
  open?: boolean;
  /**
   * More environment for the serve, made once the model server and CODEX_HOME exist (e.g. a
   * remote host whose sessions use them, and the SSH variables that reach it).
   */
  serveEnv?: (parts: { model: ModelServer; home: CodexHome }) => Promise<Record<string, string>>;
}

export async function startBrowserApp(executablePath: string, options: BrowserAppOptions = {}): Promise<BrowserApp> {
  const model = await startModelServer();
  const home = makeCodexHome(model.baseUrl);
  const repo = makeTempRepo();
  let serve: ServeProcess | null = null;
  let browser: Browser | null = null;
  const close = async (): Promise<void> => {
    await browser?.close();
    await serve?.stop();
    await model.close();
    home.remove();
    repo.remove();
  };
  try {
    const extra = options.serveEnv ? await options.serveEnv({ model, home }) : {};
    serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir, ...extra }));
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    if (options.permissions) await context.grantPermissions(options.permissions, { origin: new URL(serve.url).origin });
    const page = await context.newPage();
    if (options.open ?? true) {
      await page.goto(`${serve.url}&renderer=dom`);
      await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    }
    return { model, home, repo, serve, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Saves a screenshot of what the test shows under test-results/, and, when
 * `SWITCHYARD_UPDATE_SCREENSHOT=1`, as the README's picture `docs/<readmeName>` too: the README's
 * screenshots are the real UI as the e2e tests drive it.
 */
export async function saveScreenshot(target: Page | Locator, name: string, readmeName?: string): Promise<void> {
  fs.mkdirSync(path.join(APP_ROOT, 'test-results'), { recursive: true });
  await target.screenshot({ path: path.join(APP_ROOT, 'test-results', name) });
  if (readmeName && process.env.SWITCHYARD_UPDATE_SCREENSHOT === '1') {
    await target.screenshot({ path: path.join(APP_ROOT, 'docs', readmeName) });
  }
}

/** An agent's entry in the sidebar (the live list or the Ended one), found by its name button. */
export function agentListItem(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
}

/** The status an agent's entry in the sidebar shows (its badge's `data-status`). */
export function agentStatusInList(page: Page, name: string): Promise<string | null> {
  return agentListItem(page, name).locator('[data-status]').getAttribute('data-status');
}
