/**
 * Real storage faults for tests: a tiny tmpfs mounted over a folder gives a real ENOSPC when it is
 * filled, and remounting it read-only gives a real EROFS, both for root too (chmod does not stop
 * root). Mounting needs CAP_SYS_ADMIN; `storageFaultSupport` says whether this machine allows it
 * and, if not, why, so tests can skip with the reason.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Support {
  ok: boolean;
  reason: string;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Tries a tmpfs mount (and a read-only remount) on a scratch folder. */
export function storageFaultSupport(): Support {
  if (process.platform !== 'linux') return { ok: false, reason: `tmpfs mounts are a Linux test tool; this is ${process.platform}` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-tmpfs-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? (error as Error).message;
    return { ok: false, reason: `cannot mount a tmpfs here (uid ${uid}; needs root with CAP_SYS_ADMIN): ${stderr}` };
  }
  try {
    run('mount', ['-o', 'remount,ro', dir]);
    return { ok: true, reason: '' };
  } catch (error) {
    return { ok: false, reason: `a tmpfs mounts but cannot be remounted read-only: ${(error as Error).message}` };
  } finally {
    try {
      run('umount', [dir]);
    } catch {
      run('umount', ['-l', dir]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SmallDisk {
  readonly dir: string;
  /** Writes filler until the disk refuses (ENOSPC); returns how many bytes it took. */
  fill(): number;
  /** Removes the filler: the disk has room again. */
  drain(): void;
  /** Remounts read-only (writes fail with EROFS) or read-write again. */
  readOnly(on: boolean): void;
  /** Unmounts; the folder is left empty, as it was before. */
  unmount(): void;
}

/**
 * Mounts a `sizeKb` tmpfs over `dir` (created if missing; anything in it is hidden while
 * mounted, so mount before the program writes there).
 */
export function mountSmallDisk(dir: string, sizeKb: number): SmallDisk {
  fs.mkdirSync(dir, { recursive: true });
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir]);
  const filler = path.join(dir, '.filler');
  let mounted = true;
  return {
    dir,
    fill: () => {
      const fd = fs.openSync(filler, 'a');
      const block = Buffer.alloc(4096, 0x66);
      let bytes = 0;
      try {
        for (;;) {
          try {
            bytes += fs.writeSync(fd, block);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw error;
          }
        }
        // Single bytes until even the last partial block is used.
        const one = Buffer.from('f');
        for (;;) {
          try {
            bytes += fs.writeSync(fd, one);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw error;
          }
        }
      } finally {
        fs.closeSync(fd);
      }
      return bytes;
    },
    drain: () => fs.rmSync(filler, { force: true }),
    readOnly: (on) => run('mount', ['-o', on ? 'remount,ro' : 'remount,rw', dir]),
    unmount: () => {
      if (!mounted) return;
      mounted = false;
      try {
        run('umount', [dir]);
      } catch {
        // Something (a watcher) still holds it: detach now, the kernel frees it when released.
        run('umount', ['-l', dir]);
      }
    },
  };
}
