import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  minimumNode,
  parseRequirementsReport,
  requirementProblems,
  requirementsScript,
  type RequirementsReport,
} from '../../../src/core/remote/remote-requirements';

const ALL: RequirementsReport = { node: 'v20.19.1', git: true, switchyard: '0.9.0', codex: '/usr/local/bin/codex' };

describe('the remote requirements', () => {
  it('needs the Node of engines, else 20', () => {
    expect(minimumNode('>=20.19.0')).toEqual([20, 19]);
    expect(minimumNode('^22')).toEqual([22, 0]);
    expect(minimumNode(undefined)).toEqual([20, 0]);
  });

  it('reports nothing when all is there, and each missing or old thing in one sentence', () => {
    expect(requirementProblems(ALL, 'build1', [20, 19], 'switchyard')).toEqual([]);
    expect(requirementProblems({ ...ALL, node: 'v18.19.0' }, 'build1', [20, 0], 'switchyard')).toEqual([
      'Node 18.19 is too old on build1; Switchyard needs Node 20 or later.',
    ]);
    expect(requirementProblems({ ...ALL, node: 'v20.18.3' }, 'build1', [20, 19], 'switchyard')).toEqual([
      'Node 20.18 is too old on build1; Switchyard needs Node 20.19 or later.',
    ]);
    expect(requirementProblems({ node: null, git: false, switchyard: null, codex: null }, 'build1', [20, 19], 'switchyard')).toEqual([
      'Node is not installed on build1 (not on the PATH an SSH command gets); Switchyard needs Node 20.19 or later.',
      'git is not installed on build1; Switchyard needs it to work on the repository.',
      'Switchyard is not installed on build1 (`switchyard --version` failed there); install it, or set SWITCHYARD_REMOTE_COMMAND to the command that starts it.',
      'Switchyard on build1 finds no Codex; install it there (npm install -g @openai/codex) or set SWITCHYARD_CODEX_PATH in its environment.',
    ]);
  });

  it('the script reports what a host has, run by sh as the remote would', () => {
    // A fake "switchyard" that knows its version and finds no Codex, on a PATH without codex.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-req-'));
    try {
      const fake = path.join(dir, 'fake-switchyard');
      fs.writeFileSync(fake, '#!/bin/sh\nif [ "$1" = --version ]; then echo 1.2.3; else echo "no codex" >&2; exit 1; fi\n', { mode: 0o755 });
      const stdout = execFileSync('/bin/sh', ['-s'], { input: requirementsScript(fake), encoding: 'utf8', env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` } });
      const report = parseRequirementsReport(stdout);
      expect(report).toEqual({ node: process.version, git: true, switchyard: '1.2.3', codex: null });
      const missing = parseRequirementsReport(execFileSync('/bin/sh', ['-s'], { input: requirementsScript(path.join(dir, 'absent')), encoding: 'utf8', env: { PATH: '/nowhere' } }));
      expect(missing).toEqual({ node: null, git: false, switchyard: null, codex: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
