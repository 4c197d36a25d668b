/**
 * "Resolve with an agent" on a real repository with fake ports: the versions land in
 * .agents/merges/<id>/, the launch asks for an exclusive claim on the file with a task that says
 * what happened, the writers' own claims on the file are released, and the running writers (only)
 * are told to wait, by a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBlob } from '../../../src/core/journal/blob-store';
import type { JournalVersion } from '../../../src/core/journal/journal-types';
import { mergeBlobs } from '../../../src/core/journal/three-way-merge';
import { resolveWithAgent, type ResolverPorts } from '../../../src/core/merge/resolve-with-agent';
import type { LaunchRequest } from '../../../src/core/core-options';
import { agent, claim } from '../conflicts/fixtures';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('resolving a merge with an agent', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => repo.remove());

  const version = async (n: number, agentId: string | null, content: string): Promise<JournalVersion> => ({
    path: 'x.txt',
    version: n,
    at: new Date(0).toISOString(),
    state: 'kept',
    blob: await writeBlob(repo.dir, Buffer.from(content)),
    mode: '100644',
    size: content.length,
    agentId,
    attribution: 'exact',
    evidence: { rule: 'command-writes-path' },
  });

  it('writes the versions, launches with the claim and the task, releases the writers’ claims on the file, and tells the running writers to wait', async () => {
    const triple = { base: await version(1, null, 'a\nb\n'), theirs: await version(2, 'ada', 'a\nB by Ada\n'), ours: await version(3, 'bob', 'a\nb by Bob\n') };
    const outcome = await mergeBlobs(repo.dir, { base: triple.base.blob, ours: triple.ours.blob, theirs: triple.theirs.blob }, { ours: 'ours', base: 'base', theirs: 'theirs' });
    const launches: LaunchRequest[] = [];
    const released: Array<[string, string[]]> = [];
    const sent: Array<{ to: string; text: string }> = [];
    const ports: ResolverPorts = {
      repo: repo.dir,
      agents: () => [agent('ada', { name: 'Ada', task: 'Shout line b', status: 'finished' }), agent('bob', { name: 'Bob', task: 'Sign line b', status: 'exited' })],
      launch: (request) => {
        launches.push(request);
        return { id: 'resolver', name: 'merge x.txt' };
      },
      claimsOn: () => [claim('ada', 'x.txt'), claim('bob', 'x.txt'), claim('ada', 'src/', { mode: 'shared' })],
      release: async (agentId, patterns) => void released.push([agentId, patterns]),
      sendMessage: (message) => void sent.push(message),
    };

    const result = await resolveWithAgent(ports, { path: 'x.txt', triple, outcome, instructions: 'Keep the shouting.' });

    expect(result).toEqual({ id: 'resolver', name: 'merge x.txt', folder: expect.stringMatching(/^\.agents\/merges\/[\w-]+$/), told: ['ada'] });
    const folder = path.join(repo.dir, result.folder);
    expect(['base', 'ours', 'theirs', 'merged'].map((f) => fs.readFileSync(path.join(folder, f), 'utf8'))).toEqual([
      'a\nb\n',
      'a\nb by Bob\n',
      'a\nB by Ada\n',
      outcome.merged.toString('utf8'),
    ]);
    expect(launches).toHaveLength(1);
    expect(launches[0]).toEqual(expect.objectContaining({ name: 'merge x.txt', claims: ['x.txt'] }));
    const task = launches[0]!.task;
    expect(task.indexOf('From the user: Keep the shouting.')).toBeLessThan(task.indexOf('Two agents changed'));
    expect(task).toContain('version 2 ("theirs") was written by agent "Ada". Its task was: "Shout line b"');
    expect(task).toContain('version 3 ("ours", what x.txt holds now) was written by agent "Bob". Its task was: "Sign line b"');
    expect(task).toContain(`1 conflict region(s), at lines 2-6 of ${result.folder}/merged`);
    expect(task).toContain('>>>>>>> theirs');
    // Only exact claims on the file go; a wider claim stays and the resolver's claim queues behind it.
    expect(released).toEqual([
      ['ada', ['x.txt']],
      ['bob', ['x.txt']],
    ]);
    // Bob has exited: only Ada is told, by a message.
    expect(sent.map((message) => message.to)).toEqual(['ada']);
    expect(sent[0]!.text).toContain('agent "merge x.txt" is merging your version of x.txt');
    expect(sent[0]!.text).toContain('Do not edit x.txt until it is done');
  });
});
