/**
 * When the check after an agent starts by itself: once, when the agent finishes its first turn or
 * exits 0, only with the setting on and a test command set; never for an agent first seen already
 * finished (restored after a restart).
 */
import { describe, expect, it } from 'vitest';
import { CheckService, type CheckSources } from '../../../src/core/checks/check-service';
import { AgentSchema, type Agent } from '../../../src/shared/domain';

function fixture(settings: { testCommand: string | null; checkAfterAgent: boolean }) {
  const started: string[] = [];
  const sources: CheckSources = {
    // run() is replaced below: which agents it is called for is what these tests count.
    repo: () => null,
    settings: () => settings,
    changes: () => {
      throw new Error('not used');
    },
    agent: (id) => agentOf(id, {}),
    changed: () => undefined,
    notify: () => undefined,
    log: () => undefined,
  };
  const service = new CheckService(sources);
  service.run = (id: string) => {
    started.push(id);
    return Promise.resolve(null as never);
  };
  return { service, started };
}

const agentOf = (id: string, patch: Partial<Agent>): Agent =>
  AgentSchema.parse({ id, name: id, task: 't', status: 'working', pid: 1, repo: '/r', claims: [], cols: 80, rows: 24, startedAt: '', endedAt: null, exitCode: null, detail: null, ...patch });

describe('the automatic check', () => {
  it('starts once when the agent finishes its first turn', () => {
    const { service, started } = fixture({ testCommand: 'npm test', checkAfterAgent: true });
    service.noteAgent(agentOf('a', { status: 'working' }));
    service.noteAgent(agentOf('a', { status: 'finished', completedTurns: 1 }));
    service.noteAgent(agentOf('a', { status: 'working', completedTurns: 1 }));
    service.noteAgent(agentOf('a', { status: 'finished', completedTurns: 2 }));
    service.noteAgent(agentOf('a', { status: 'exited', completedTurns: 2, exitCode: 0 }));
    expect(started).toEqual(['a']);
  });

  it('starts when the agent exits 0 without a finished turn, not when it fails', () => {
    const { service, started } = fixture({ testCommand: 'npm test', checkAfterAgent: true });
    service.noteAgent(agentOf('ok', { status: 'working' }));
    service.noteAgent(agentOf('ok', { status: 'exited', exitCode: 0 }));
    service.noteAgent(agentOf('bad', { status: 'working' }));
    service.noteAgent(agentOf('bad', { status: 'exited', exitCode: 1 }));
    service.noteAgent(agentOf('stopped', { status: 'working' }));
    service.noteAgent(agentOf('stopped', { status: 'stopped', exitCode: 0 }));
    expect(started).toEqual(['ok']);
  });

  it('does not start for an agent first seen already finished, nor with the setting off or no test command', () => {
    const restored = fixture({ testCommand: 'npm test', checkAfterAgent: true });
    restored.service.noteAgent(agentOf('a', { status: 'finished', completedTurns: 1 }));
    expect(restored.started).toEqual([]);

    for (const settings of [
      { testCommand: 'npm test', checkAfterAgent: false },
      { testCommand: null, checkAfterAgent: true },
    ]) {
      const { service, started } = fixture(settings);
      service.noteAgent(agentOf('a', { status: 'working' }));
      service.noteAgent(agentOf('a', { status: 'finished', completedTurns: 1 }));
      expect(started).toEqual([]);
    }
  });
});
