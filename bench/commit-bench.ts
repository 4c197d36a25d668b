/**
 * The commit engine on 2,000 changed files across 10 agents (1,500 edits, 500 new files, in a
 * repository of 4,000 files): one commit per agent through the executor (temporary index, hooks
 * looked up, compare-and-swap branch move, the user's index updated per commit) against the
 * plain `git add <files> && git commit` per group a script would do, on identical copies of the
 * same repository. Also status + planning against a bare `git status`.
 *
 * Run directly: `npx tsx bench/commit-bench.ts`. `runCommitBench()` returns the figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { executeCommitPlan } from '../src/core/commit/commit-executor';
import { orderedGroups, planCommits, type AttributionEntry, type CommitPlan, type PlanAgent } from '../src/core/commit/commit-plan';
import { readWorktreeState } from '../src/core/git/worktree-status';
import { formatTable, summarize, type BenchFigure } from './bench-figure';

const AGENTS = 10;
const EDITED_PER_AGENT = 150;
const NEW_PER_AGENT = 50;
/** Files no agent touches: a realistic repository is larger than its change set. */
const UNTOUCHED_FILES = 2_000;
/**
 * Five runs give a median that one slow run (GC, a busy neighbour) cannot move; the bench stays
 * under two minutes. SWITCHYARD_COMMIT_BENCH_RUNS sets another count (a quick look: 1).
 */
const RUNS = Number.parseInt(process.env.SWITCHYARD_COMMIT_BENCH_RUNS ?? '', 10) || 5;

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });

const agentIds = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);
const filesOf = (agent: number): { edited: string[]; added: string[] } => ({
  edited: Array.from({ length: EDITED_PER_AGENT }, (_, k) => `pkg${agent}/mod${k % 5}/file-${k}.ts`),
  added: Array.from({ length: NEW_PER_AGENT }, (_, k) => `pkg${agent}/new/added-${k}.ts`),
});

function writeFile(root: string, relative: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), content);
}

/** The repository once: base commit, then the agents' changes in the working tree. Runs copy it. */
function buildTemplate(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-commit-bench-')));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@switchyard.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  const body = (seed: string) => Array.from({ length: 20 }, (_, i) => `export const v${i} = '${seed}-${i}';`).join('\n') + '\n';
  for (let a = 0; a < AGENTS; a++) for (const file of filesOf(a).edited) writeFile(dir, file, body(file));
  for (let i = 0; i < UNTOUCHED_FILES; i++) writeFile(dir, `lib/part${i % 40}/steady-${i}.ts`, body(`steady-${i}`));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  // One pack instead of thousands of loose objects: each run's copy is then mostly the working tree.
  git(dir, 'repack', '-adq');
  git(dir, 'prune-packed');
  for (let a = 0; a < AGENTS; a++) {
    const { edited, added } = filesOf(a);
    for (const file of edited) fs.appendFileSync(path.join(dir, file), `export const changedBy = '${agentIds[a]}';\n`);
    for (const file of added) writeFile(dir, file, body(`new ${file}`));
  }
  return dir;
}

function copyOf(template: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-commit-run-')));
  fs.cpSync(template, dir, { recursive: true });
  // Copied files have new inodes and times; a real user's index is fresh, so refresh it (untimed).
  execFileSync('git', ['update-index', '-q', '--refresh'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

const agents: PlanAgent[] = agentIds.map((id, i) => ({ id, name: `Agent ${i}`, task: `Task ${i}`, after: [], startedAt: `2025-01-01T10:${String(i).padStart(2, '0')}:00Z` }));
const attribution: AttributionEntry[] = agentIds.flatMap((agentId, a) => {
  const { edited, added } = filesOf(a);
  return [...edited, ...added].map((p): AttributionEntry => ({ path: p, agentId, attribution: 'exact' }));
});

/** What the commit service does to open the wizard: one read of HEAD and the changes, then the plan. */
async function planFor(dir: string): Promise<CommitPlan> {
  const { head, changes } = await readWorktreeState(dir);
  return planCommits({ base: { commit: head.commit, ref: head.kind === 'branch' ? head.ref : null }, changes, attribution, agents });
}

function expectCommits(dir: string, count: number, what: string): void {
  const made = Number(git(dir, 'rev-list', '--count', 'HEAD')) - 1;
  if (made !== count) throw new Error(`${what} made ${made} commits, expected ${count}.`);
  if (git(dir, 'status', '--porcelain') !== '') throw new Error(`${what} left changes behind.`);
}

async function timed(work: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function runCommitBench(): Promise<BenchFigure[]> {
  const template = buildTemplate();
  const samples = { executor: [] as number[], executorNoHooks: [] as number[], script: [] as number[], plan: [] as number[], status: [] as number[] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const ours = copyOf(template);
      const noHooks = copyOf(template);
      const theirs = copyOf(template);
      try {
        samples.status.push(await timed(() => void git(ours, 'status', '--porcelain=v2', '-z', '--untracked-files=all')));
        let plan: CommitPlan | null = null;
        samples.plan.push(await timed(async () => void (plan = await planFor(ours))));
        samples.executor.push(
          await timed(async () => {
            const result = await executeCommitPlan(ours, plan!);
            if (result.status !== 'completed') throw new Error(`executor stopped: ${result.stop?.message}`);
          }),
        );
        expectCommits(ours, AGENTS, 'the executor');

        const planNoHooks = await planFor(noHooks);
        samples.executorNoHooks.push(await timed(async () => void (await executeCommitPlan(noHooks, planNoHooks, { skipHooks: true }))));
        expectCommits(noHooks, AGENTS, 'the executor without hooks');

        // The script knows each group's files already (from the same plan) and commits them plainly.
        const groups = orderedGroups(plan!).filter((g) => g.files.length > 0);
        samples.script.push(
          await timed(() => {
            for (const group of groups) {
              git(theirs, 'add', '--', ...group.files.map((f) => f.path));
              git(theirs, 'commit', '-q', '-m', group.message);
            }
          }),
        );
        expectCommits(theirs, AGENTS, 'the script');
      } finally {
        for (const dir of [ours, noHooks, theirs]) fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(template, { recursive: true, force: true });
  }
  const script = { name: 'git add + git commit per group', samples: samples.script };
  return [
    summarize('10 per-agent commits of 2,000 files (executor)', 'ms', samples.executor, script),
    summarize('same, hooks skipped (executor)', 'ms', samples.executorNoHooks, script),
    summarize('status + plan of 2,000 changes', 'ms', samples.plan, { name: 'git status --porcelain=v2', samples: samples.status }),
  ];
}

if (require.main === module) {
  void runCommitBench().then((figures) => console.log(formatTable(figures)));
}
