/** `--repo` left out: the current folder, never Switchyard's own install folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error';
import { defaultRepo, serveRepo } from '../../src/cli/default-repo';
import { isInAppFolder } from '../../src/core/repo/app-folder';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-app-folder-'));
const appRoot = path.join(base, 'switchyard');
const sibling = path.join(base, 'switchyard-work');
fs.mkdirSync(path.join(appRoot, 'src'), { recursive: true });
fs.mkdirSync(sibling);
fs.symlinkSync(appRoot, path.join(base, 'link-to-app'));

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe("Switchyard's own folder", () => {
  it('is the app root and everything inside it, through symlinks, and nothing else', () => {
    expect(isInAppFolder(appRoot, appRoot)).toBe(true);
    expect(isInAppFolder(path.join(appRoot, 'src'), appRoot)).toBe(true);
    expect(isInAppFolder(path.join(base, 'link-to-app', 'src'), appRoot)).toBe(true);
    expect(isInAppFolder(sibling, appRoot)).toBe(false);
    expect(isInAppFolder(base, appRoot)).toBe(false);
  });

  it('is refused as the default repository of a client command, with what to do instead', () => {
    let thrown: unknown;
    try {
      defaultRepo(appRoot, path.join(appRoot, 'src'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as CliError).exitCode).toBe(2);
    expect((thrown as CliError).message).toContain("is Switchyard's own folder");
    expect((thrown as CliError).message).toContain('--repo <path>');
    expect(defaultRepo(appRoot, sibling)).toBe(sibling);
  });

  it('makes serve open no repository, and says so; --repo and --no-repo win', () => {
    expect(serveRepo(undefined, appRoot, appRoot)).toEqual({ repo: null, note: expect.stringContaining('Choose a repository in the browser') });
    expect(serveRepo(undefined, appRoot, sibling)).toEqual({ repo: sibling });
    expect(serveRepo(appRoot, appRoot, appRoot)).toEqual({ repo: appRoot });
    expect(serveRepo(false, appRoot, sibling)).toEqual({ repo: null });
  });
});
