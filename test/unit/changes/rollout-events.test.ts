/** Rollout lines as Codex 0.169–0.171 write them, turned into attribution events; odd shapes are skipped. */
import { describe, expect, it } from 'vitest';
import { RolloutLineParser, scriptOf } from '../../../src/core/changes/rollout-events';

const REPO = '/tmp/sy-repo-x';
const line = (value: unknown): string => JSON.stringify(value);
const itemCompleted = (item: Record<string, unknown>, started = 1_000, completed = 1_200) =>
  line({
    timestamp: '2026-11-24T16:10:53.443Z',
    type: 'event_msg',
    payload: { type: 'item_completed', thread_id: 't', turn_id: 'u', item, started_at_ms: started, completed_at_ms: completed },
  });

describe('RolloutLineParser', () => {
  it('reads an apply_patch FileChange with repo-relative paths, dropping paths outside the repository', () => {
    const parser = new RolloutLineParser('agent-a', REPO);
    const events = parser.parse(
      itemCompleted({
        type: 'FileChange',
        id: 'call_resp_6',
        changes: {
          [`${REPO}/hello.txt`]: { type: 'add', content: 'hi there\n' },
          [`${REPO}/src/x.ts`]: { type: 'update', unified_diff: '@@', move_path: `${REPO}/src/y.ts` },
          '/etc/hosts': { type: 'update' },
          [`${REPO}/gone.txt`]: { type: 'delete' },
          [`${REPO}/odd.txt`]: 'not an object',
        },
        status: 'completed',
        stdout: '',
      }),
    );
    expect(events).toEqual([
      {
        type: 'file-change',
        agentId: 'agent-a',
        callId: 'call_resp_6',
        paths: ['hello.txt', 'src/x.ts', 'src/y.ts', 'gone.txt', 'odd.txt'],
        changes: [
          { path: 'hello.txt', kind: 'add' },
          { path: 'src/x.ts', kind: 'delete' },
          { path: 'src/y.ts', kind: 'add' },
          { path: 'gone.txt', kind: 'delete' },
          { path: 'odd.txt', kind: 'unknown' },
        ],
        kind: 'unknown',
        status: 'completed',
        startedAt: 1_000,
        completedAt: 1_200,
        at: Date.parse('2026-11-24T16:10:53.443Z'),
      },
    ]);
  });

  it('reads a CommandExecution: the script bash ran, its cwd from the file URL, its start and end', () => {
    const parser = new RolloutLineParser('agent-b', REPO);
    const [event] = parser.parse(
      itemCompleted(
        { type: 'CommandExecution', id: 'call_resp_1', command: ['/bin/bash', '-lc', 'echo hi > a.txt'], cwd: `file://${REPO}`, status: 'completed', exit_code: 0 },
        1_795_536_650_877,
        1_795_536_652_471,
      ),
    );
    expect(event).toEqual({
      type: 'command-execution',
      agentId: 'agent-b',
      callId: 'call_resp_1',
      command: ['/bin/bash', '-lc', 'echo hi > a.txt'],
      script: 'echo hi > a.txt',
      cwd: REPO,
      status: 'completed',
      startedAt: 1_795_536_650_877,
      completedAt: 1_795_536_652_471,
    });
  });

  it('reads function calls and their outputs as the start and end of a call', () => {
    const parser = new RolloutLineParser('agent-a', REPO);
    const call = parser.parse(
      line({
        timestamp: '2026-11-24T16:10:50.008Z',
        type: 'response_item',
        payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: 'echo hi > a.txt', workdir: 'sub' }), call_id: 'call_resp_1' },
      }),
    );
    const output = parser.parse(line({ timestamp: '2026-11-24T16:10:52.735Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'call_resp_1', output: 'ok' } }));
    expect(call).toEqual([
      { type: 'tool-call', agentId: 'agent-a', callId: 'call_resp_1', name: 'exec_command', command: 'echo hi > a.txt', cwd: `${REPO}/sub`, at: Date.parse('2026-11-24T16:10:50.008Z') },
    ]);
    expect(output).toEqual([{ type: 'tool-output', agentId: 'agent-a', callId: 'call_resp_1', at: Date.parse('2026-11-24T16:10:52.735Z') }]);
  });

  it('reads a code-mode cell or a freeform apply_patch (custom_tool_call) as a call without a shell command', () => {
    const parser = new RolloutLineParser('agent-a', REPO);
    const at = '2026-12-06T07:17:59.000Z';
    const call = parser.parse(
      line({ timestamp: at, type: 'response_item', payload: { type: 'custom_tool_call', name: 'exec', call_id: 'call_1', input: "await tools.exec_command({cmd: 'ls'})" } }),
    );
    const output = parser.parse(line({ timestamp: at, type: 'response_item', payload: { type: 'custom_tool_call_output', call_id: 'call_1', output: [] } }));
    expect(call).toEqual([{ type: 'tool-call', agentId: 'agent-a', callId: 'call_1', name: 'exec', command: null, cwd: REPO, at: Date.parse(at) }]);
    expect(output).toEqual([{ type: 'tool-output', agentId: 'agent-a', callId: 'call_1', at: Date.parse(at) }]);
  });

  it("resolves relative FileChange paths against the session's cwd", () => {
    const parser = new RolloutLineParser('agent-a', REPO);
    parser.parse(line({ type: 'turn_context', payload: { cwd: `${REPO}/pkg` } }));
    const [event] = parser.parse(itemCompleted({ type: 'FileChange', id: 'c', changes: { 'rel.txt': { type: 'add' } }, status: 'completed' }));
    expect(event).toEqual(expect.objectContaining({ paths: ['pkg/rel.txt'] }));
  });

  it.each([
    ['not JSON', '{"type":'],
    ['another event', line({ type: 'event_msg', payload: { type: 'token_count' } })],
    ['an unknown item', itemCompleted({ type: 'AgentMessage', id: 'm', content: [] })],
    ['a FileChange without changes', itemCompleted({ type: 'FileChange', id: 'c' })],
    ['a CommandExecution without a command', itemCompleted({ type: 'CommandExecution', id: 'c', cwd: 'file:///x' })],
    ['a payload that is not an object', line({ type: 'response_item', payload: 42 })],
  ])('skips %s', (_what, text) => {
    expect(new RolloutLineParser('a', REPO).parse(text)).toEqual([]);
  });

  it('takes the script out of a shell argv, or joins any other argv', () => {
    expect(scriptOf(['/bin/bash', '-lc', 'ls -la'])).toBe('ls -la');
    expect(scriptOf(['git', 'status'])).toBe('git status');
  });
});
