/**
 * A terminal session's flow control with a fake pty: views that attach through a snapshot are
 * counted, the mirror's own parser counts too, and leaving or disposing never strands a pause.
 */
import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../src/core/terminals/flow-control';
import { TerminalSession } from '../../../src/core/terminals/terminal-session';
import { TerminalSessions } from '../../../src/core/terminals/terminal-sessions';
import { FakePty } from '../../harness/fake-pty';

const SIZE = { cols: 80, rows: 24 };

/** Resolves once the mirror has parsed everything recorded so far. */
const mirrorCaughtUp = (session: TerminalSession): Promise<unknown> => session.snapshot(null);

describe('TerminalSession', () => {
  it('numbers chunks from 1 and snapshots the screen with the seq it reflects', async () => {
    const session = new TerminalSession(SIZE);
    expect(session.record('hello ')).toBe(1);
    expect(session.record('world')).toBe(2);
    const snapshot = await session.snapshot('tab');
    expect(snapshot).toMatchObject({ seq: 2, cols: 80, rows: 24 });
    expect(snapshot.data).toContain('hello world');
    session.dispose();
  });

  it('pauses the pty while the mirror is behind a flood, and resumes once it has parsed it', async () => {
    const session = new TerminalSession(SIZE);
    const pty = new FakePty();
    session.connect(pty);
    session.record('z'.repeat(FlowControl.HighWatermarkChars + 1));
    expect(pty.paused).toBe(true);
    await mirrorCaughtUp(session);
    expect(pty.paused).toBe(false);
    session.dispose();
  });

  it('pauses for a view that showed the agent and does not ack; resumes on its acks', async () => {
    const session = new TerminalSession(SIZE);
    const pty = new FakePty();
    session.connect(pty);
    await session.snapshot('tab');
    const chunk = 'q'.repeat(30_000);
    const chunks = Math.ceil((FlowControl.HighWatermarkChars + 1) / chunk.length);
    for (let i = 0; i < chunks; i++) {
      session.record(chunk);
      session.sent('tab', chunk.length);
    }
    await mirrorCaughtUp(session);
    expect(pty.paused).toBe(true);
    const behind = chunks * chunk.length;
    expect(session.unacknowledgedChars).toBe(behind);
    session.acknowledged('tab', behind - FlowControl.LowWatermarkChars + 1);
    expect(pty.paused).toBe(false);
    session.dispose();
  });

  it('pauses a process connected while paused (a resumed agent) and resumes it on dispose', () => {
    const session = new TerminalSession(SIZE);
    session.connect(new FakePty());
    session.record('r'.repeat(FlowControl.HighWatermarkChars * 2));
    const next = new FakePty();
    session.connect(next);
    expect(next.paused).toBe(true);
    session.dispose();
    expect(next.paused).toBe(false);
  });
});

describe('TerminalSessions (what a transport sees)', () => {
  it('counts a view only for agents it asked a snapshot of, and closing it releases every agent', async () => {
    const sessions = new TerminalSessions();
    const ptyA = new FakePty();
    const ptyB = new FakePty();
    const a = sessions.open('agent-a', SIZE);
    const b = sessions.open('agent-b', SIZE);
    a.connect(ptyA);
    b.connect(ptyB);
    await a.snapshot('ws:1');
    expect(sessions.isShowing('ws:1', 'agent-a')).toBe(true);
    expect(sessions.isShowing('ws:1', 'agent-b')).toBe(false);

    const flood = 'f'.repeat(FlowControl.HighWatermarkChars + 1);
    sessions.sent('ws:1', 'agent-a', flood.length);
    sessions.sent('ws:1', 'agent-b', flood.length);
    expect(ptyA.paused).toBe(true);
    // A paused agent holds back only itself.
    expect(ptyB.paused).toBe(false);

    sessions.close('ws:1');
    expect(ptyA.paused).toBe(false);
    expect(sessions.isShowing('ws:1', 'agent-a')).toBe(false);
    sessions.disposeAll();
  });
});
