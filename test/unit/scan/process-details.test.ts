/** What /proc tells about a real process: exact argv, SWITCHYARD_AGENT_ID, working directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osProcessDetails } from '../../../src/core/scan/process-details';

/** A child that stays alive (and so readable in /proc) until the test kills it. */
const KEEP_ALIVE = 'setTimeout(() => {}, 60_000)';

describe.skipIf(process.platform !== 'linux')('osProcessDetails on Linux', () => {
  let folder: string;
  let child: ChildProcess;

  beforeAll(() => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-details-')));
    child = spawn(process.execPath, ['-e', KEEP_ALIVE, 'words with spaces'], {
      cwd: folder,
      env: { ...process.env, SWITCHYARD_AGENT_ID: 'probe-1a2b' },
      stdio: 'ignore',
    });
  });
  afterAll(() => {
    child.kill('SIGKILL');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reads the argv with its spaces intact, the agent id and the working directory', async () => {
    const details = osProcessDetails('linux');
    const pid = child.pid!;
    expect(details.argv(pid)).toEqual([process.execPath, '-e', KEEP_ALIVE, 'words with spaces']);
    expect(details.agentId(pid)).toBe('probe-1a2b');
    expect(await details.cwds([pid])).toEqual(new Map([[pid, folder]]));
  });

  it('says null, not a throw, for a process without an agent id or one that does not exist', async () => {
    const details = osProcessDetails('linux');
    expect(details.agentId(process.pid)).toBe(process.env.SWITCHYARD_AGENT_ID ?? null);
    expect(details.argv(2 ** 22 + 1)).toBeNull();
    expect(await details.cwds([2 ** 22 + 1])).toEqual(new Map());
  });
});
