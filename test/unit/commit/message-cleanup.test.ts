/** Message cleanup matches `git stripspace`, which is what `git commit -m` applies. */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanupMessage } from '../../../src/core/commit/commit-message-file';

describe('cleanupMessage', () => {
  // 60 runs of `git stripspace`: a few hundred ms on an idle machine, seconds on a loaded one.
  it('gives what git stripspace gives, for any mix of text, blank lines and trailing whitespace', { timeout: 60_000 }, () => {
    const piece = fc.constantFrom('subject', 'body text', '# comment', ' ', '\t', '\n', '\n\n', '  \n', '\r\n', 'ü');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const message = pieces.join('');
        expect(cleanupMessage(message)).toBe(execFileSync('git', ['stripspace'], { input: message, encoding: 'utf8' }));
      }),
      { numRuns: 60 },
    );
  });
});
