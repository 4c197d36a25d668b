/**
 * A character whose UTF-8 bytes are split across two writes of a real pty child arrives whole:
 * node-pty decodes with a streaming decoder, and batching only joins whole strings.
 */
import { describe, expect, it } from 'vitest';
import { AgentProcess } from '../../../src/core/agents/agent-process';
import { OutputBatch } from '../../../src/core/terminals/output-batcher';

/** Writes "a" and the first two bytes of "€" (E2 82 AC), pauses well past a batch, then the last byte and "b". */
const SPLIT_EURO = `
process.stdout.write(Buffer.from([0x61, 0xe2, 0x82]));
setTimeout(() => process.stdout.write(Buffer.from([0xac, 0x62])), ${OutputBatch.DelayMs * 20});
`;

describe('UTF-8 across chunk edges', () => {
  it('delivers a multi-byte character split across two writes as one whole character', async () => {
    const child = new AgentProcess({
      agentId: 'utf8-test',
      file: process.execPath,
      args: ['-e', SPLIT_EURO],
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      cols: 80,
      rows: 24,
    });
    const chunks: string[] = [];
    child.onData((data) => chunks.push(data));
    await new Promise<void>((resolve) => child.onExit(() => resolve()));
    child.dispose();

    // The pause put the halves in separate reads, so they came as separate chunks...
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks[0]).toBe('a');
    // ...and yet no chunk holds half a character.
    expect(chunks.join('')).toBe('a€b');
    expect(chunks.some((chunk) => chunk.includes('\uFFFD'))).toBe(false);
  });
});
