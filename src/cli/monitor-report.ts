/**
 * How `switchyard monitor` prints a snapshot: a table for people (like the old agent-monitor.sh,
 * plus folders, tasks and what to do about duplicates) or one JSON object for scripts.
 */
import path from 'node:path';
import type { MonitorSnapshot, DiscoveredProcess } from '../shared/monitor';
import { discoveredRef } from '../shared/monitor-ref';
import type { InstanceInfo } from '../core/instances/instance-registry';

/** Who produced the snapshot: the running Switchyard, or the CLI itself when none answers. */
export type SnapshotOrigin =
  | { kind: 'switchyard'; instance: InstanceInfo }
  | { kind: 'local'; why: string };

/** Tasks are cut to this in the table; `--json` has them whole. */
const TASK_COLUMN_CHARS = 50;

/** `--json`: the shape issue #3 names (`agents`, `external`, `duplicates`), with more per entry. */
export function monitorJson(snapshot: MonitorSnapshot, origin: SnapshotOrigin): string {
  return JSON.stringify({
    repo: snapshot.repo,
    scannedAt: snapshot.scannedAt,
    switchyard: origin.kind === 'switchyard' ? { pid: origin.instance.pid, kind: origin.instance.kind } : null,
    agents: snapshot.managed.map(({ id, name, status, pid, task, claims, startedAt }) => ({
      id, name, status, pid, cwd: snapshot.repo, task, claims, startedAt,
    })),
    external: snapshot.discovered
      .filter((process) => !process.managed)
      .map(({ pid, cwd, command, kind, workdir, task, startedAt, agentId, launcherPid }) => ({
        id: discoveredRef(pid), pid, cwd, cmd: command, kind, workdir, task, startedAt, agentId, launcherPid,
      })),
    duplicates: snapshot.duplicates,
    otherFolders: snapshot.otherFolders,
    unknownFolder: snapshot.unknownFolder,
    scanError: snapshot.scanError,
  });
}

const oneLine = (text: string | null, max: number): string => {
  if (text === null) return '-';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const clock = (iso: string | null): string => (iso === null ? '-' : new Date(iso).toTimeString().slice(0, 8));

const folderIn = (repo: string, folder: string | null): string =>
  folder === null ? '-' : path.relative(repo, folder) || '.';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

/** External processes carrying a Switchyard agent id were started by a Switchyard that let go of them. */
const sourceOf = (process: DiscoveredProcess): string => (process.agentId === null ? 'external' : 'orphan');

function agentRows(snapshot: MonitorSnapshot): string[][] {
  const managed = snapshot.managed.map((agent) => [
    'switchyard', agent.id, agent.pid === null ? '-' : String(agent.pid), agent.status, clock(agent.startedAt), '.',
    oneLine(agent.task, TASK_COLUMN_CHARS),
  ]);
  const external = snapshot.discovered
    .filter((process) => !process.managed)
    .map((process) => [
      sourceOf(process), discoveredRef(process.pid), String(process.pid), process.kind, clock(process.startedAt),
      folderIn(snapshot.repo, process.workdir), oneLine(process.task, TASK_COLUMN_CHARS),
    ]);
  return [['SOURCE', 'ID', 'PID', 'STATUS', 'STARTED', 'FOLDER', 'TASK'], ...managed, ...external];
}

function originLine(origin: SnapshotOrigin, snapshot: MonitorSnapshot): string {
  if (origin.kind === 'switchyard') {
    return `Switchyard:  running (${origin.instance.kind}, pid ${origin.instance.pid}), ${snapshot.managed.length} managed agent(s)`;
  }
  return `Switchyard:  ${origin.why} Showing the Codex processes found on this machine.`;
}

function duplicateLines(snapshot: MonitorSnapshot): string[] {
  if (snapshot.duplicates.length === 0) return ['DUPLICATES: none'];
  const lines = [`DUPLICATES (${snapshot.duplicates.length})`];
  for (const finding of snapshot.duplicates) {
    lines.push(`  [${finding.severity}] ${finding.agents[0]} / ${finding.agents[1]}: ${finding.reason}`);
    lines.push(`    → ${finding.recommendation}`);
  }
  return lines;
}

function elsewhereLine(snapshot: MonitorSnapshot): string | null {
  const parts: string[] = [];
  if (snapshot.otherFolders > 0) parts.push(`${snapshot.otherFolders} in other folders`);
  if (snapshot.unknownFolder > 0) parts.push(`${snapshot.unknownFolder} whose folder the OS does not reveal`);
  return parts.length === 0 ? null : `Other Codex processes on this machine: ${parts.join(', ')}.`;
}

export function monitorTable(snapshot: MonitorSnapshot, origin: SnapshotOrigin): string {
  const unmanaged = snapshot.discovered.filter((process) => !process.managed);
  const orphans = unmanaged.filter((process) => process.agentId !== null);
  const lines = [
    `Repository:  ${snapshot.repo}`,
    originLine(origin, snapshot),
    `Scanned:     ${clock(snapshot.scannedAt)}`,
    '',
  ];
  if (snapshot.scanError) lines.push(`Warning: ${snapshot.scanError}`, '');
  lines.push(`AGENTS: ${snapshot.managed.length} managed, ${unmanaged.length} unmanaged Codex process(es) in this repository`);
  if (snapshot.managed.length + unmanaged.length > 0) lines.push(table(agentRows(snapshot)));
  if (orphans.length > 0) {
    lines.push(`(orphan: started by a Switchyard that no longer tracks it — ${orphans.map((p) => `pid ${p.pid} was agent ${p.agentId}`).join(', ')})`);
  }
  lines.push('', ...duplicateLines(snapshot));
  const elsewhere = elsewhereLine(snapshot);
  if (elsewhere) lines.push('', elsewhere);
  return lines.join('\n');
}
