/** Which hook client Codex runs: the native one when built, else Node with the reason. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseHookClient, nativeHookClientPath } from '../../../src/core/gate/hook-command-line';

describe('chooseHookClient', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hookcl-'));
  afterEach(() => fs.rmSync(path.join(root, 'out'), { recursive: true, force: true }));

  it('runs the native client when it was built and is executable', () => {
    const native = nativeHookClientPath(root);
    fs.mkdirSync(path.dirname(native), { recursive: true });
    fs.writeFileSync(native, '', { mode: 0o755 });
    expect(chooseHookClient(root, ['node'])).toEqual({ command: [native], native: true, fallbackReason: null });
  });

  it('falls back to the Node client and says why, with the build script’s reason when it left one', () => {
    const bare = chooseHookClient(root, ['env', 'ELECTRON_RUN_AS_NODE=1', '/e']);
    expect(bare.command).toEqual(['env', 'ELECTRON_RUN_AS_NODE=1', '/e', path.join(root, 'out', 'main', 'hook.js')]);
    expect(bare.native).toBe(false);
    expect(bare.fallbackReason).toContain('was not built; `npm run build` builds it with the system C compiler');

    fs.mkdirSync(path.join(root, 'out', 'hook-client'), { recursive: true });
    fs.writeFileSync(path.join(root, 'out', 'hook-client', 'unavailable.txt'), 'cc: spawn cc ENOENT\n');
    expect(chooseHookClient(root, ['node']).fallbackReason).toContain('(last attempt: cc: spawn cc ENOENT)');
  });
});
