/**
 * A real Codex started the way a user starts one in a terminal: the native binary in a pty, its
 * own CODEX_HOME (pointing at the scripted model server), no Switchyard and no agent id in its
 * environment.
 */
import fs from 'node:fs';
import * as pty from 'node-pty';
import { tomlString } from '../../src/core/codex/codex-args';
import type { CodexHome } from './codex-home';
import { codexUnderTest } from './codex-under-test';
import { waitFor } from './processes';

/** Marks the environment of every process an outside Codex starts, so all of them can be killed. */
const OUTSIDE_MARKER_ENV = 'SY_OUTSIDE_CODEX_TEST';

export interface OutsideCodex {
  readonly pid: number;
  /** Resolves when the pty's process has exited. */
  readonly exited: Promise<void>;
  /** Kills it and everything it started (idempotent). */
  kill(): Promise<void>;
}

/**
 * Processes whose environment carries the marker (Linux; elsewhere none are found). Codex runs
 * its shell-snapshot bash in a session of its own, out of reach of a process-group kill.
 */
function processesMarked(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${OUTSIDE_MARKER_ENV}=${marker}\0`);
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    try {
      return fs.readFileSync(`/proc/${entry}/environ`).includes(needle) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

function killAll(pids: readonly number[]): number[] {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return [...pids];
}

export function startOutsideCodex(options: { cwd: string; repo: string; task: string; home: CodexHome; args?: string[] }): OutsideCodex {
  const codex = codexUnderTest();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // The test runner may itself run inside a managed agent; this Codex must not look managed.
  delete env.SWITCHYARD_AGENT_ID;
  const marker = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  Object.assign(env, codex.env, options.home.env, { CODEX_HOME: options.home.dir, TERM: 'xterm-256color', [OUTSIDE_MARKER_ENV]: marker });
  const child = pty.spawn(
    codex.path,
    [
      '--disable', 'daemon_auto_start',
      '-c', `projects={${tomlString(options.repo)}={trust_level="trusted"}}`,
      ...(options.args ?? []),
      '--', options.task,
    ],
    { cwd: options.cwd, env, cols: 100, rows: 30, name: 'xterm-256color' },
  );
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  return {
    pid: child.pid,
    exited,
    kill: async () => {
      killAll([-child.pid]);
      await exited;
      // Until none is left: a process may have started one more while we killed the rest.
      await waitFor(() => killAll(processesMarked(marker)).length === 0, 'every process of the outside Codex to end', 10_000);
    },
  };
}
