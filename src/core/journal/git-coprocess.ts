/**
 * One long-lived git process answering requests over stdin/stdout (`hash-object --stdin-paths`,
 * `check-ignore --stdin`), so a burst of thousands of paths costs one process instead of
 * thousands, and a repository's index is read once instead of once per question. Requests are
 * pipelined; answers come back in order, each a fixed number of terminator-ended fields.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BACKGROUND_GIT_ARGS, gitEnv } from '../git/git-runner';

export interface GitCoprocessOptions {
  repo: string;
  args: readonly string[];
  /** What ends each request and each answer field: a newline, or NUL for `-z` modes. */
  terminator: '\n' | '\0';
  /** Fields per answer (`check-ignore -v -z` answers with four). */
  fieldsPerAnswer: number;
}

interface PendingRequest {
  request: string;
  fields: string[];
  resolve: (fields: string[]) => void;
  reject: (error: Error) => void;
}

export class GitCoprocess {
  private child: ChildProcessWithoutNullStreams | null = null;
  private pending: PendingRequest[] = [];
  private buffer = '';
  private stderr = '';
  private closed = false;

  constructor(private readonly options: GitCoprocessOptions) {}

  /** Sends one request; resolves with its answer's fields. The request must not contain the terminator. */
  ask(request: string): Promise<string[]> {
    if (this.closed) return Promise.reject(new Error(`git ${this.options.args[0]} is closed.`));
    if (request.includes(this.options.terminator)) return Promise.reject(new Error(`Cannot send ${JSON.stringify(request)} to git ${this.options.args[0]}.`));
    return new Promise((resolve, reject) => {
      this.pending.push({ request, fields: [], resolve, reject });
      this.process().stdin.write(request + this.options.terminator);
    });
  }

  /** Ends the process; the next request starts a fresh one (after a .gitignore change, say). */
  restart(): void {
    const child = this.child;
    this.child = null;
    child?.stdin.end();
    // Whatever was in flight goes to the next process.
    const waiting = this.pending.splice(0);
    this.buffer = '';
    for (const request of waiting) {
      this.pending.push({ ...request, fields: [] });
      this.process().stdin.write(request.request + this.options.terminator);
    }
  }

  close(): void {
    this.closed = true;
    const child = this.child;
    this.child = null;
    child?.stdin.end();
    for (const request of this.pending.splice(0)) request.reject(new Error(`git ${this.options.args[0]} was closed.`));
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', [...BACKGROUND_GIT_ARGS, ...this.options.args], {
      cwd: this.options.repo,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.buffer = '';
    this.stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (this.child === child) this.onOutput(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.once('error', (error) => this.onExit(child, error.message));
    child.once('close', () => this.onExit(child, this.stderr.trim()));
    return child;
  }

  private onOutput(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf(this.options.terminator)) >= 0) {
      const field = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const head = this.pending[0];
      if (!head) continue;
      head.fields.push(field);
      if (head.fields.length === this.options.fieldsPerAnswer) {
        this.pending.shift();
        head.resolve(head.fields);
      }
    }
  }

  /**
   * git dies on the first request it cannot serve (hash-object on a file deleted meanwhile).
   * That request fails; the ones queued behind it are sent again to a fresh process.
   */
  private onExit(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.child !== child) return;
    this.child = null;
    const [failed, ...rest] = this.pending.splice(0);
    failed?.reject(new Error(reason || `git ${this.options.args[0]} exited`));
    for (const request of rest) {
      if (this.closed) request.reject(new Error(`git ${this.options.args[0]} was closed.`));
      else {
        this.pending.push({ ...request, fields: [] });
        this.process().stdin.write(request.request + this.options.terminator);
      }
    }
  }
}
