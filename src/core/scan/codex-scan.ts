/**
 * Finds every Codex process on the machine and says where it works: its working directory (or
 * `--cd` folder), the git repository around that, its prompt, and the Switchyard agent id its
 * environment carries. The npm launcher and the native binary it starts are reported as one.
 */
import path from 'node:path';
import { AgentIdSchema } from '../../shared/domain';
import type { DiscoveredProcess } from '../../shared/monitor';
import { readCodexCommandLine } from './codex-argv';
import { matchCodex, type CodexMatch } from './codex-binary-match';
import { findRepoRoot } from './find-repo-root';
import type { ProcessDetails } from './process-details';
import type { ListProcesses, ProcessRow } from './process-list';

/** Prompts and command lines are cut here: the launch schema's own limit on a task. */
export const MAX_SCANNED_TEXT_CHARS = 20_000;

/** A Codex process as the scan finds it; whether it is managed is decided against a registry. */
export type ScannedCodexProcess = Omit<DiscoveredProcess, 'managed'>;

export interface CodexScan {
  processes: ScannedCodexProcess[];
  /** Why the process list could not be read, or null. */
  error: string | null;
}

export interface CodexScanSources {
  listProcesses: ListProcesses;
  details: ProcessDetails;
  /** The scanning process, never reported (Switchyard's own CLI is not Codex, but be sure). */
  selfPid: number;
}

interface Candidate {
  row: ProcessRow;
  match: CodexMatch;
}

const clip = (text: string): string => text.slice(0, MAX_SCANNED_TEXT_CHARS);

function candidatesOf(rows: readonly ProcessRow[], sources: CodexScanSources): Candidate[] {
  const found: Candidate[] = [];
  for (const row of rows) {
    if (row.pid === sources.selfPid) continue;
    const argv = sources.details.argv(row.pid) ?? (row.cmd ?? '').split(/\s+/).filter(Boolean);
    const match = matchCodex(row, argv);
    if (match) found.push({ row, match });
  }
  return found;
}

/** Drops each launcher whose native child is listed; the child remembers it. */
function foldLaunchers(candidates: readonly Candidate[]): Array<Candidate & { launcherPid: number | null }> {
  const launchers = new Map(candidates.filter((c) => c.match.role === 'launcher').map((c) => [c.row.pid, c]));
  const folded = new Set<number>();
  const result: Array<Candidate & { launcherPid: number | null }> = [];
  for (const candidate of candidates) {
    if (candidate.match.role !== 'native') continue;
    const launcher = launchers.get(candidate.row.ppid);
    if (launcher) folded.add(launcher.row.pid);
    result.push({ ...candidate, launcherPid: launcher ? launcher.row.pid : null });
  }
  for (const [pid, launcher] of launchers) {
    // A launcher alone: the native binary has not started yet, or has already gone.
    if (!folded.has(pid)) result.push({ ...launcher, launcherPid: null });
  }
  return result;
}

/** Where Codex works: its `--cd` folder (relative to its working directory), else that directory. */
function workdirOf(cwd: string | null, cd: string | null): string | null {
  if (cd === null) return cwd;
  if (cwd !== null) return path.resolve(cwd, cd);
  return path.isAbsolute(cd) ? cd : null;
}

/** An environment anyone can set is only trusted as an agent id if it has an id's shape. */
const validAgentId = (value: string | null): string | null =>
  value !== null && AgentIdSchema.safeParse(value).success ? value : null;

export async function scanCodexProcesses(sources: CodexScanSources): Promise<CodexScan> {
  let rows: ProcessRow[];
  try {
    rows = await sources.listProcesses();
  } catch (error) {
    return { processes: [], error: `Could not list processes: ${error instanceof Error ? error.message : String(error)}` };
  }
  const codex = foldLaunchers(candidatesOf(rows, sources));
  const cwds = await sources.details.cwds(codex.map((c) => c.row.pid));
  const repoOf = new Map<string, string | null>();
  const processes = codex.map(({ row, match, launcherPid }): ScannedCodexProcess => {
    const commandLine = readCodexCommandLine(match.args);
    const cwd = cwds.get(row.pid) ?? null;
    const workdir = workdirOf(cwd, commandLine.cd);
    if (workdir !== null && !repoOf.has(workdir)) repoOf.set(workdir, findRepoRoot(workdir));
    return {
      pid: row.pid,
      ppid: row.ppid,
      kind: commandLine.kind,
      command: clip(row.cmd || match.args.join(' ')),
      cwd,
      workdir,
      repo: workdir === null ? null : (repoOf.get(workdir) ?? null),
      startedAt: row.startTime ? row.startTime.toISOString() : null,
      task: commandLine.task === null ? null : clip(commandLine.task),
      agentId: validAgentId(sources.details.agentId(row.pid)),
      launcherPid,
    };
  });
  return { processes, error: null };
}
