/** Classifying `ps` rows: which processes are Codex, where they work, and what they were asked. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCodex } from '../../../src/core/scan/codex-binary-match';
import { scanCodexProcesses, type CodexScanSources } from '../../../src/core/scan/codex-scan';
import type { ProcessDetails } from '../../../src/core/scan/process-details';
import type { ProcessRow } from '../../../src/core/scan/process-list';

const NATIVE = '/opt/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex';
const STARTED = new Date('2026-01-02T03:04:05Z');

/** A fake process table: the ps rows plus what /proc would say about each. */
interface FakeProcess {
  row: ProcessRow;
  argv: string[] | null;
  cwd?: string;
  agentId?: string;
}

function sources(processes: FakeProcess[], selfPid = 1): CodexScanSources {
  const byPid = new Map(processes.map((p) => [p.row.pid, p]));
  const details: ProcessDetails = {
    argv: (pid) => byPid.get(pid)?.argv ?? null,
    agentId: (pid) => byPid.get(pid)?.agentId ?? null,
    cwds: async (pids) => {
      const found = new Map<number, string>();
      for (const pid of pids) {
        const cwd = byPid.get(pid)?.cwd;
        if (cwd !== undefined) found.set(pid, cwd);
      }
      return found;
    },
  };
  return { listProcesses: async () => processes.map((p) => p.row), details, selfPid };
}

const native = (pid: number, args: string[], extra: Partial<FakeProcess> = {}, ppid = 100): FakeProcess => ({
  row: { pid, ppid, name: 'codex', path: NATIVE, cmd: [NATIVE, ...args].join(' '), startTime: STARTED },
  argv: [NATIVE, ...args],
  ...extra,
});

describe('matchCodex', () => {
  it('knows the native binary by its executable, and its launcher by the script node runs', () => {
    expect(matchCodex({ pid: 1, ppid: 0, name: 'codex', path: NATIVE }, [NATIVE, 'task'])).toEqual({
      role: 'native',
      args: ['task'],
    });
    expect(
      matchCodex({ pid: 2, ppid: 0, name: 'node', path: '/usr/bin/node' }, ['node', '--no-warnings', '/usr/local/bin/codex', 'task']),
    ).toEqual({ role: 'launcher', args: ['task'] });
    expect(matchCodex({ pid: 3, ppid: 0, name: 'node' }, ['node', '/x/@openai/codex/bin/codex.js'])).toMatchObject({
      role: 'launcher',
    });
  });

  it('ignores other programs, node scripts that merely mention codex, and Codex running as its sandbox helper', () => {
    expect(matchCodex({ pid: 1, ppid: 0, name: 'bash' }, ['bash', '-c', 'codex'])).toBeNull();
    expect(matchCodex({ pid: 2, ppid: 0, name: 'node' }, ['node', 'codex-helper.js'])).toBeNull();
    expect(matchCodex({ pid: 3, ppid: 0, name: 'codex', path: NATIVE }, ['codex-linux-sandbox', '--', 'ls'])).toBeNull();
    expect(matchCodex({ pid: 4, ppid: 0, name: 'codex-code-mode-host' }, ['codex-code-mode-host'])).toBeNull();
  });

  it('falls back to the program name on systems where ps gives no executable path', () => {
    expect(matchCodex({ pid: 1, ppid: 0, name: '' }, ['codex', 'exec', 'x'])).toMatchObject({ role: 'native' });
  });
});

describe('scanCodexProcesses', () => {
  let repo: string;
  let outside: string;

  beforeAll(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-scan-repo-')));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.mkdirSync(path.join(repo, 'services', 'api'), { recursive: true });
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-scan-plain-')));
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reports a native Codex with its folder, repository, prompt, start time and agent id', async () => {
    const scan = await scanCodexProcesses(
      sources([native(200, ['--', 'add inventory endpoints'], { cwd: path.join(repo, 'services', 'api'), agentId: 'inv-1a2b' })]),
    );
    expect(scan).toEqual({
      error: null,
      processes: [
        {
          pid: 200,
          ppid: 100,
          kind: 'session',
          command: `${NATIVE} -- add inventory endpoints`,
          cwd: path.join(repo, 'services', 'api'),
          workdir: path.join(repo, 'services', 'api'),
          repo,
          startedAt: STARTED.toISOString(),
          task: 'add inventory endpoints',
          agentId: 'inv-1a2b',
          launcherPid: null,
        },
      ],
    });
  });

  it('reports the npm launcher and the native binary it started as one process', async () => {
    const launcher: FakeProcess = {
      row: { pid: 300, ppid: 1, name: 'node', path: '/usr/bin/node', cmd: 'node /usr/local/bin/codex fix it' },
      argv: ['node', '/usr/local/bin/codex', 'fix it'],
      cwd: repo,
    };
    const scan = await scanCodexProcesses(sources([launcher, native(301, ['fix it'], { cwd: repo }, 300)]));
    expect(scan.processes).toHaveLength(1);
    expect(scan.processes[0]).toMatchObject({ pid: 301, launcherPid: 300, task: 'fix it', repo });
  });

  it('keeps a launcher whose native binary is not (or no longer) there', async () => {
    const scan = await scanCodexProcesses(
      sources([{ row: { pid: 310, ppid: 1, name: 'node', cmd: 'node codex.js' }, argv: ['node', '/x/codex.js'], cwd: repo }]),
    );
    expect(scan.processes.map((p) => [p.pid, p.launcherPid])).toEqual([[310, null]]);
  });

  it('resolves --cd against the working directory to find the repository', async () => {
    const scan = await scanCodexProcesses(sources([native(400, ['-C', path.relative(outside, repo), 'task'], { cwd: outside })]));
    expect(scan.processes[0]).toMatchObject({ cwd: outside, workdir: repo, repo });
  });

  it('says null for the repository of a folder outside any, and for a folder the OS hides', async () => {
    const scan = await scanCodexProcesses(sources([native(500, ['a'], { cwd: outside }), native(501, ['b'])]));
    expect(scan.processes.map((p) => [p.pid, p.workdir, p.repo])).toEqual([
      [500, outside, null],
      [501, null, null],
    ]);
  });

  it('marks app-server as a daemon and drops sandbox helpers, unrelated programs and itself', async () => {
    const scan = await scanCodexProcesses(
      sources(
        [
          native(600, ['app-server', 'daemon'], { cwd: repo }),
          { row: { pid: 601, ppid: 600, name: 'codex', path: NATIVE }, argv: ['codex-linux-sandbox', '--', 'ls'], cwd: repo },
          { row: { pid: 602, ppid: 1, name: 'vim', cmd: 'vim codex.md' }, argv: ['vim', 'codex.md'], cwd: repo },
          native(603, ['self'], { cwd: repo }),
        ],
        603,
      ),
    );
    expect(scan.processes.map((p) => [p.pid, p.kind])).toEqual([[600, 'daemon']]);
  });

  it('uses the ps command line where the exact argv is unavailable (macOS)', async () => {
    const row: ProcessRow = { pid: 700, ppid: 1, name: 'codex', cmd: 'codex exec write the docs' };
    const scan = await scanCodexProcesses(sources([{ row, argv: null, cwd: repo }]));
    expect(scan.processes[0]).toMatchObject({ kind: 'exec', task: 'write the docs', startedAt: null });
  });

  it('trusts an agent id from the environment only if it has the shape of one', async () => {
    const scan = await scanCodexProcesses(sources([native(800, ['t'], { cwd: repo, agentId: '../../etc' })]));
    expect(scan.processes[0]!.agentId).toBeNull();
  });

  it('returns the reason, not a throw, when the process list cannot be read', async () => {
    const failing: CodexScanSources = {
      ...sources([]),
      listProcesses: async () => {
        throw new Error('ps: not found');
      },
    };
    expect(await scanCodexProcesses(failing)).toEqual({ processes: [], error: 'Could not list processes: ps: not found' });
  });
});
