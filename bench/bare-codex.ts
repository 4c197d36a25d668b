/**
 * One bare Codex agent, with no Switchyard at all: the interactive Codex TUI in a pty, as a user
 * would run it in a terminal, with a headless xterm attached that parses its output and answers
 * its terminal queries (cursor position, device attributes), as a real terminal would. The
 * scale suite's baseline: the same binary, arguments and environment a managed agent gets, less
 * Switchyard's hooks and MCP server.
 */
import * as pty from 'node-pty';
import { Terminal } from '@xterm/headless';

/** The arguments Switchyard gives a managed agent apart from its hooks and MCP server (src/core/codex/codex-args.ts). */
export function bareCodexArgs(repo: string, task: string): string[] {
  return ['--disable', 'daemon_auto_start', '-c', `projects={${JSON.stringify(repo)}={trust_level="trusted"}}`, '--', task];
}

export interface BareAgentOptions {
  /** The Codex executable and any arguments before Codex's own (e.g. [node, codex.js] for a Node wrapper). */
  command: readonly string[];
  repo: string;
  task: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export class BareCodexAgent {
  private readonly pty: pty.IPty;
  private readonly term: Terminal;
  private exit: { exitCode: number; signal?: number } | null = null;
  private readonly exited: Promise<void>;

  constructor(options: BareAgentOptions) {
    // A little scrollback, so text the TUI scrolled up is still found; the screen is what matters.
    this.term = new Terminal({ cols: options.cols, rows: options.rows, scrollback: 200, allowProposedApi: true, logLevel: 'off' });
    this.pty = pty.spawn(options.command[0]!, [...options.command.slice(1), ...bareCodexArgs(options.repo, options.task)], {
      name: 'xterm-256color',
      cwd: options.repo,
      env: options.env,
      cols: options.cols,
      rows: options.rows,
      encoding: 'utf8',
    });
    this.pty.onData((data) => this.term.write(data));
    // xterm's replies to the program's queries (e.g. ESC[6n → ESC[row;colR) go back to it as input.
    this.term.onData((data) => {
      if (!this.exit) this.pty.write(data);
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit((exit) => {
        this.exit = exit;
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exitInfo(): { exitCode: number; signal?: number } | null {
    return this.exit;
  }

  /** The screen and the scrollback as plain text, as far as xterm has parsed it. */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Ctrl-C twice (Codex exits on the second), then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 3_000): Promise<void> {
    if (!this.exit) {
      this.pty.write('\x03');
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!this.exit) this.pty.write('\x03');
      const timedOut = await Promise.race([this.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs))]);
      if (timedOut) {
        this.pty.kill('SIGKILL');
        await this.exited;
      }
    }
    this.term.dispose();
  }
}
