import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { agentBranchName, sanitizeBranchComponent } from '../../../src/core/worktrees/branch-name';

/** git's own verdict on a branch name, so the rules are checked against git rather than restated. */
function gitAccepts(branch: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', branch], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('isolated agent branch names', () => {
  it.each([
    ['fix auth', 'fix-auth'],
    ['feature/login', 'feature-login'],
    ['..hidden', 'hidden'],
    ['a..b', 'a.b'],
    ['x.lock', 'x-lock'],
    ['what?*[~^:]\\', 'what-]'],
    ['ref@{1}', 'ref-1}'],
    ['', 'agent'],
    ['@', 'agent'],
    ['   ', 'agent'],
    ['Ünïcode näme', 'Ünïcode-näme'],
  ])('turns %j into the valid component %j', (name, expected) => {
    const component = sanitizeBranchComponent(name);
    expect(component).toBe(expected);
    expect(gitAccepts(`switchyard/${component}`)).toBe(true);
  });

  it('keeps a long name readable by cutting it', () => {
    expect(sanitizeBranchComponent('x'.repeat(200)).length).toBe(60);
  });

  it('uses switchyard/<name> when it is free', () => {
    expect(agentBranchName('fix auth', 'fix-auth-3f2a', new Set())).toBe('switchyard/fix-auth');
  });

  it('adds the agent id when the name is taken, and a counter when even that is', () => {
    expect(agentBranchName('fix auth', 'fix-auth-3f2a', new Set(['switchyard/fix-auth']))).toBe('switchyard/fix-auth-fix-auth-3f2a');
    const taken = new Set(['switchyard/fix-auth', 'switchyard/fix-auth-fix-auth-3f2a']);
    expect(agentBranchName('fix auth', 'fix-auth-3f2a', taken)).toBe('switchyard/fix-auth-fix-auth-3f2a-2');
  });
});
