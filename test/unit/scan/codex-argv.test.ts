/** Reading Codex command lines: what the process does, its prompt, and its --cd folder. */
import { describe, expect, it } from 'vitest';
import { readCodexCommandLine } from '../../../src/core/scan/codex-argv';

describe('readCodexCommandLine', () => {
  it('takes the prompt of an interactive session, skipping options and their values', () => {
    expect(
      readCodexCommandLine(['-c', 'model="o3"', '--disable', 'daemon_auto_start', '-m', 'gpt-5', '--search', 'fix the login bug']),
    ).toEqual({ kind: 'session', task: 'fix the login bug', cd: null });
  });

  it('reads a prompt after -- even when it starts with a dash', () => {
    expect(readCodexCommandLine(['--dangerously-bypass-hook-trust', '--', '-starts with a dash'])).toMatchObject({
      task: '-starts with a dash',
    });
  });

  it('reads --cd in its separate, = and attached forms', () => {
    expect(readCodexCommandLine(['-C', 'sub/dir', 'task']).cd).toBe('sub/dir');
    expect(readCodexCommandLine(['--cd=/abs', 'task']).cd).toBe('/abs');
    expect(readCodexCommandLine(['-Cother', 'task'])).toEqual({ kind: 'session', task: 'task', cd: 'other' });
  });

  it('has no task for a session started without a prompt', () => {
    expect(readCodexCommandLine([])).toEqual({ kind: 'session', task: null, cd: null });
    expect(readCodexCommandLine(['--model', 'o3'])).toEqual({ kind: 'session', task: null, cd: null });
  });

  it('recognises codex exec and its prompt, and exec resume as carrying none', () => {
    expect(readCodexCommandLine(['exec', '--json', '-o', 'out.txt', 'write the docs'])).toEqual({
      kind: 'exec',
      task: 'write the docs',
      cd: null,
    });
    expect(readCodexCommandLine(['e', 'short alias'])).toMatchObject({ kind: 'exec', task: 'short alias' });
    expect(readCodexCommandLine(['exec', 'resume', '--last'])).toMatchObject({ kind: 'exec', task: null });
    expect(readCodexCommandLine(['exec', '-'])).toMatchObject({ kind: 'exec', task: null });
  });

  it('marks app-server and the other servers as daemons', () => {
    expect(readCodexCommandLine(['app-server', 'daemon', 'start'])).toEqual({ kind: 'daemon', task: null, cd: null });
    expect(readCodexCommandLine(['-c', 'x=1', 'mcp-server'])).toMatchObject({ kind: 'daemon' });
  });

  it('does not read a session id as a task when resuming', () => {
    expect(readCodexCommandLine(['resume', '0199-session'])).toEqual({ kind: 'session', task: null, cd: null });
    expect(readCodexCommandLine(['resume', '0199-session', 'carry on'])).toMatchObject({ task: 'carry on' });
    expect(readCodexCommandLine(['resume', '--last', 'carry on'])).toMatchObject({ task: 'carry on' });
  });

  it('treats tool subcommands (login, doctor, …) as other, with no task', () => {
    expect(readCodexCommandLine(['login'])).toEqual({ kind: 'other', task: null, cd: null });
    expect(readCodexCommandLine(['doctor'])).toMatchObject({ kind: 'other', task: null });
  });

  it('joins the words of a prompt that reached us split on spaces (macOS ps output)', () => {
    expect(readCodexCommandLine(['add', 'inventory', 'endpoints']).task).toBe('add inventory endpoints');
  });
});
