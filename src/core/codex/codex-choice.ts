/**
 * Which Codex new agents start: `--codex-path`, else SWITCHYARD_CODEX_PATH, else the open
 * repository's codexPath setting, else PATH, else the bundled @openai/codex (see find-codex.ts).
 * Chosen afresh at each start, so a changed setting applies to the next agent.
 */
import type { CodexInfo } from '../../shared/codex';
import { codexVersion, codexVersionWarning } from './codex-version';
import { configuredCodex, findCodex, type CodexBinary } from './find-codex';

export interface CodexChoiceOptions {
  /** Folders whose node_modules may hold @openai/codex (the app's own root). */
  appRoots: string[];
  /** `--codex-path`, above everything else. */
  codexPath?: string | null | undefined;
  env: NodeJS.ProcessEnv;
  /** The open repository's codexPath setting; null when none is open or set. */
  setting(): string | null | undefined;
}

export class CodexChoice {
  constructor(private readonly options: CodexChoiceOptions) {}

  /** The binary to run; throws when the configured one cannot run or there is none. */
  choose(): CodexBinary {
    const { env } = this.options;
    const configured = configuredCodex({ flag: this.options.codexPath, env: env.SWITCHYARD_CODEX_PATH, setting: this.options.setting() });
    return findCodex({ searchRoots: this.options.appRoots, configured, envPath: env.PATH });
  }

  /** Which Codex new agents start, its version, and why that one; or what is wrong. */
  async info(): Promise<CodexInfo> {
    let codex: CodexBinary;
    try {
      codex = this.choose();
    } catch (error) {
      return { path: null, version: null, source: null, reason: null, error: error instanceof Error ? error.message : String(error), warning: null };
    }
    const version = await codexVersion(codex.path, { ...this.options.env, ...codex.env });
    return { path: codex.path, version, source: codex.source, reason: codex.reason, error: null, warning: codexVersionWarning(version) };
  }
}
