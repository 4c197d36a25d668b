/**
 * Duplicate detection on example pairs: what is flagged and what is not, with scores and the
 * reason a finding gives. The same table is in docs/duplicate-detection.md; this test fails when
 * the two disagree, so the document always says what the code does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentActivity } from '../../../src/core/conflicts/duplicate-evidence';
import { findDuplicates } from '../../../src/core/conflicts/duplicates';
import { compareTasks } from '../../../src/core/conflicts/task-similarity';
import type { GateEvent } from '../../../src/core/gate/gate-event';
import { agent, T0 } from './fixtures';

type Behaviour = 'none' | 'both wrote src/inventory.ts' | "B refused twice on A's claim";

interface Example {
  a: string;
  b: string;
  behaviour: Behaviour;
  flagged: 'high' | 'medium' | 'no';
}

const EXAMPLES: Example[] = [
  { a: '[PROJ-12] Add inventory endpoints for hops', b: '[PROJ-15] Add inventory endpoints for hops', behaviour: 'none', flagged: 'high' },
  { a: '[PROJ-12] Add inventory endpoints for hops', b: '[PROJ-15] Add inventory endpoints for hops', behaviour: "B refused twice on A's claim", flagged: 'high' },
  { a: 'PROJ-12: add inventory endpoints for hops (urgent)', b: 'Add inventory endpoints for hops #123 [wip]', behaviour: 'none', flagged: 'high' },
  { a: 'Fix issue 12: crash on empty cart', b: 'Fix issue 31: crash on empty cart', behaviour: 'none', flagged: 'high' },
  { a: 'ada: fix the login redirect loop', b: 'fix the login redirect loop for bob', behaviour: 'none', flagged: 'high' },
  { a: 'implement CRUD endpoints for hops fermentables yeasts miscs', b: 'implement CRUD endpoints for hops fermentables yeasts miscs quickly', behaviour: 'none', flagged: 'medium' },
  { a: 'Add inventory endpoints for hops', b: 'Add inventory endpoints and tests for hops', behaviour: 'none', flagged: 'no' },
  { a: 'Add inventory endpoints for hops', b: 'Add inventory endpoints and tests for hops', behaviour: 'both wrote src/inventory.ts', flagged: 'medium' },
  { a: 'fix the login bug in the auth module session code', b: 'fix the signup bug in the auth module session code', behaviour: 'none', flagged: 'no' },
  { a: 'fix the login bug in the auth module session code', b: 'fix the signup bug in the auth module session code', behaviour: "B refused twice on A's claim", flagged: 'medium' },
  { a: 'Add inventory endpoints for hops', b: 'Add inventory endpoints for yeasts', behaviour: 'both wrote src/inventory.ts', flagged: 'no' },
  { a: 'Convert the CSV export to UTF-8', b: 'Convert the CSV export to UTF-16', behaviour: 'none', flagged: 'no' },
  { a: 'move users to accounts', b: 'move accounts to users', behaviour: 'none', flagged: 'no' },
  { a: 'write API documentation', b: 'update database schemas', behaviour: "B refused twice on A's claim", flagged: 'no' },
];

const FILE = 'src/inventory.ts';

function activity(behaviour: Behaviour): AgentActivity {
  const refused = (at: number): GateEvent => ({ kind: 'refused', agentId: 'b', paths: [FILE], holders: ['a'], reason: 'claimed', at });
  if (behaviour === 'both wrote src/inventory.ts') return { written: new Map([['a', new Set([FILE])], ['b', new Set([FILE])]]), gateEvents: [] };
  if (behaviour === "B refused twice on A's claim") return { written: new Map([['a', new Set([FILE])]]), gateEvents: [refused(T0 + 1), refused(T0 + 2)] };
  return { written: new Map(), gateEvents: [] };
}

function judge(example: Example) {
  const agents = [agent('a', { name: 'ada', task: example.a, startedAt: T0 }), agent('b', { name: 'bob', task: example.b, startedAt: T0 + 1000 })];
  const [finding] = findDuplicates({ managed: agents, unmanaged: [], activity: activity(example.behaviour) });
  return { comparison: compareTasks(example.a, example.b, ['ada', 'bob']), finding };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function table(): string {
  const rows = EXAMPLES.map((example) => {
    const { comparison, finding } = judge(example);
    return `| ${cell(example.a)} | ${cell(example.b)} | ${example.behaviour} | ${comparison.similarity.toFixed(2)} (${comparison.asWritten.toFixed(2)}) | ${finding ? finding.severity : 'no'} | ${finding ? cell(finding.reason) : '—'} |`;
  });
  return [
    '| Task of A ("ada") | Task of B ("bob") | What they did | Similarity (as written) | Flagged | Why (the finding\'s reason) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('duplicate examples', () => {
  it.each(EXAMPLES)('$a / $b ($behaviour): $flagged', (example) => {
    const { finding } = judge(example);
    expect(finding?.severity ?? 'no').toBe(example.flagged);
    if (finding) expect(finding).toMatchObject({ kind: 'same-task', agents: ['a', 'b'] });
  });

  it('explains a re-tagged duplicate that was refused on its twin\'s claim in words', () => {
    const { finding } = judge(EXAMPLES[1]!);
    expect(finding!.reason).toBe(
      'agent "ada" (a) and agent "bob" (b) have the same task once ticket references are ignored (similarity 1.00): "[PROJ-12] Add inventory endpoints for hops"; ' +
        'agent "bob" (b) was refused 2 writes on agent "ada" (a)\'s claim src/inventory.ts.',
    );
  });

  it('is the table in docs/duplicate-detection.md', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/duplicate-detection.md'), 'utf8');
    const start = doc.indexOf('<!-- examples:start -->');
    const end = doc.indexOf('<!-- examples:end -->');
    expect(start, 'the examples markers in the document').toBeGreaterThanOrEqual(0);
    expect(doc.slice(start + '<!-- examples:start -->'.length, end).trim()).toBe(table());
  });
});
