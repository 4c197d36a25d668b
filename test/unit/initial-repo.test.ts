/** The repository the desktop window opens: never Switchyard's own folder unless asked for by name. */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialRepo } from '../../src/main/initial-repo';

const APP_ROOT = path.resolve(__dirname, '..', '..');
const ELSEWHERE = os.tmpdir();

describe('the initial repository of the window', () => {
  it('is where npm start ran, or the current folder', () => {
    expect(initialRepo(['electron', '.'], { INIT_CWD: ELSEWHERE }, APP_ROOT, APP_ROOT)).toBe(ELSEWHERE);
    expect(initialRepo(['electron', '.'], {}, ELSEWHERE, APP_ROOT)).toBe(ELSEWHERE);
  });

  it("is none when that is Switchyard's own folder: the window asks for a repository", () => {
    expect(initialRepo(['electron', '.'], { INIT_CWD: APP_ROOT }, APP_ROOT, APP_ROOT)).toBeNull();
    expect(initialRepo(['electron', '.'], {}, path.join(APP_ROOT, 'src'), APP_ROOT)).toBeNull();
  });

  it('follows --repo (even to the app folder), --no-repo and SWITCHYARD_REPO first', () => {
    expect(initialRepo(['electron', '.', '--repo', APP_ROOT], { INIT_CWD: ELSEWHERE }, APP_ROOT, APP_ROOT)).toBe(APP_ROOT);
    expect(initialRepo(['electron', '.', '--no-repo'], { INIT_CWD: ELSEWHERE }, ELSEWHERE, APP_ROOT)).toBeNull();
    expect(initialRepo(['electron', '.'], { SWITCHYARD_REPO: ELSEWHERE, INIT_CWD: APP_ROOT }, APP_ROOT, APP_ROOT)).toBe(ELSEWHERE);
  });
});
