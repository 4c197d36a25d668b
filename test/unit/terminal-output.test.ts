/** Reading Codex's state from its output, and keeping a bounded history of it. */
import { describe, expect, it } from 'vitest';
import { CodexTerminalStateParser } from '../../src/core/agents/codex-terminal-state';
import { OutputHistory } from '../../src/core/agents/output-history';
import { statusFromTerminalState } from '../../src/core/agents/status-from-terminal';

describe('CodexTerminalStateParser', () => {
  it('reads the last OSC 7501 state in a chunk', () => {
    const parser = new CodexTerminalStateParser();
    expect(parser.feed('abc\x1b]7501;state=idle:app=codex\x1b\\ text \x1b]7501;state=working:app=codex\x07')).toBe('working');
    expect(parser.feed('no state here')).toBeNull();
  });

  it('finds a sequence split across chunks', () => {
    const parser = new CodexTerminalStateParser();
    expect(parser.feed('output \x1b]7501;sta')).toBeNull();
    expect(parser.feed('te=done:app=codex\x1b\\')).toBe('done');
  });

  it('reads an approval prompt (state=blocked, kind=permission) as waiting for the user', () => {
    expect(new CodexTerminalStateParser().feed('\x1b]7501;state=blocked:app=codex:kind=permission\x07')).toBe('waiting');
  });

  it('ignores states it does not know', () => {
    expect(new CodexTerminalStateParser().feed('\x1b]7501;state=dancing:app=codex\x07')).toBeNull();
  });
});

describe('statusFromTerminalState', () => {
  it('tells "not on its task yet" (ready) from "task done" (finished) by completed turns', () => {
    expect(statusFromTerminalState('idle', 0)).toBe('ready');
    expect(statusFromTerminalState('idle', 1)).toBe('finished');
    expect(statusFromTerminalState('done', 0)).toBe('finished');
    expect(statusFromTerminalState('working', 1)).toBe('working');
    expect(statusFromTerminalState('waiting', 0)).toBe('waiting-for-input');
  });
});

describe('OutputHistory', () => {
  it('keeps only the most recent characters', () => {
    const history = new OutputHistory(10);
    for (const chunk of ['0123', '4567', '89ab', 'cdef']) history.append(chunk);
    expect(history.text()).toBe('6789abcdef');
    history.append('X');
    expect(history.text()).toBe('789abcdefX');
  });
});
