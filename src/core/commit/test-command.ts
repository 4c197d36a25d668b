/**
 * The repository's test command (a per-repository setting), run once before anything is
 * committed; a failure stops the run with the command's output.
 */
import { spawn } from 'node:child_process';

export interface TestCommand {
  /** argv, never a shell string; a setting holding a shell line passes ['sh', '-c', line]. */
  argv: readonly string[];
  timeoutMs?: number;
  /** Stops the suite early (the core is shutting down), as a timeout would. */
  signal?: AbortSignal;
}

export interface TestOutcome {
  ok: boolean;
  exitCode: number | null;
  /** The last TEST_OUTPUT_TAIL_CHARS of stdout and stderr, interleaved as produced. */
  output: string;
  timedOut: boolean;
}

/** Test suites fail at the end of their output; the tail is what a person needs. */
export const TEST_OUTPUT_TAIL_CHARS = 64_000;
/** A test suite that has not finished in ten minutes is stuck, not slow. */
export const TEST_TIMEOUT_MS = 10 * 60_000;
/** After SIGTERM, how long a test process may take to clean up before SIGKILL. */
const KILL_GRACE_MS = 2_000;

export function runTestCommand(repo: string, command: TestCommand): Promise<TestOutcome> {
  const [file, ...args] = command.argv;
  if (!file) return Promise.resolve({ ok: false, exitCode: null, output: 'The test command is empty.', timedOut: false });
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-TEST_OUTPUT_TAIL_CHARS);
    };
    // Its own process group, so a timeout stops the whole suite, not just the shell.
    const child = spawn(file, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, command.timeoutMs ?? TEST_TIMEOUT_MS);
    const abort = () => {
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
    };
    if (command.signal?.aborted) abort();
    else command.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, exitCode: null, output: `Could not run ${file}: ${error.message}`, timedOut: false });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      command.signal?.removeEventListener('abort', abort);
      resolve({ ok: code === 0 && !timedOut, exitCode: code, output, timedOut });
    });
  });
}
