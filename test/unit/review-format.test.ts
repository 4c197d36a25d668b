/** `switchyard review` as a person reads it: what changed while Switchyard was not running is its own, marked group. */
import { describe, expect, it } from 'vitest';
import { formatReview } from '../../src/cli/review-command';
import type { ReviewReport } from '../../src/shared/changes';

describe('switchyard review (text)', () => {
  it('heads the offline group as such, marks its files with !, and explains the mark', () => {
    const report: ReviewReport = {
      groups: [
        { agentId: 'api-0001', name: 'api', task: 'the api', offline: false, files: [{ path: 'src/api.ts', attribution: 'exact', added: 3, removed: 0 }], added: 3, removed: 0 },
        { agentId: null, name: 'changed while Switchyard was not running', task: null, offline: true, files: [{ path: 'notes.md', attribution: 'offline', added: 1, removed: 0 }], added: 1, removed: 0 },
        { agentId: null, name: 'unattributed', task: null, offline: false, files: [{ path: 'README.md', attribution: 'unattributed', added: 1, removed: 1 }], added: 1, removed: 1 },
      ],
      conflicts: [],
      strategy: { suggested: 'single', reason: 'One agent made the changes.' },
    };
    const text = formatReview(report, '/repo');
    expect(text).toContain('Changed while Switchyard was not running (nobody can say who): 1 file(s), +1 -0\n  ! notes.md  +1 -0');
    expect(text).toContain('Unattributed (the user, or nobody Switchyard could prove): 1 file(s), +1 -1\n  ? README.md  +1 -1');
    expect(text).toContain('! changed while Switchyard was not running.');
  });
});
