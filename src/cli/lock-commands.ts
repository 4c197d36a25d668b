/** `switchyard locks`, `lock` and `unlock`: the lock table from the command line. */
import type { ClaimView } from '../shared/locks';
import type { Output } from './commands';
import { withClient } from './commands';
import { CliError } from './cli-error';

const age = (since: string): string => {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
  return seconds < 120 ? `${seconds}s` : seconds < 7200 ? `${Math.round(seconds / 60)}m` : `${Math.round(seconds / 3600)}h`;
};
const holder = (agentId: string | null): string => agentId ?? '(user)';
const shown = (c: { pattern: string; kind: string }): string => (c.kind === 'directory' ? `${c.pattern === '.' ? '.' : c.pattern}/` : c.pattern);

export async function locksCommand(options: { repo: string; json?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const { claims, waiting, mode } = await client.invoke('locks.list', {});
    if (options.json) {
      output.out(
        JSON.stringify({
          claims: claims.map((c) => ({ agentId: c.agentId, pattern: shown(c), mode: c.mode, token: c.token, since: c.since, ...(c.advisory ? { advisory: true } : {}) })),
          waiting: waiting.map((w) => ({ agentId: w.agentId, pattern: shown(w), mode: w.mode, priority: w.priority, since: w.since })),
          mode,
        }),
      );
      return;
    }
    output.out(`Write gate: ${mode}. ${claims.length} claim(s), ${waiting.length} waiting.`);
    for (const c of claims) {
      output.out(`  ${shown(c)}  ${c.mode}  ${holder(c.agentId)}  token ${c.token}  ${age(c.since)}${c.releasingAt ? '  (releasing)' : ''}${c.advisory ? '  (advisory: isolated agent)' : ''}`);
    }
    for (const w of waiting) output.out(`  waiting: ${shown(w)}  ${w.mode}  ${holder(w.agentId)}  priority ${w.priority}  ${age(w.since)}`);
  });
}

export async function lockCommand(
  options: { repo: string; agent?: string; shared?: boolean; wait?: number; json?: boolean; patterns: string[] },
  output: Output,
): Promise<void> {
  await withClient(options.repo, async (client) => {
    const result = await client.invoke('locks.claim', {
      ...(options.agent ? { agentId: options.agent } : {}),
      patterns: options.patterns,
      shared: options.shared ?? false,
      ...(options.wait ? { wait: true, timeoutMs: options.wait * 1000 } : {}),
    });
    if (options.json) output.out(JSON.stringify(result));
    else {
      for (const c of result.granted) output.out(`granted ${shown(c)} (${c.mode}, token ${c.token})`);
      for (const w of result.waiting) output.out(`waiting ${w.pattern}: ${w.reason}`);
      for (const r of result.refused) output.out(`refused ${r.pattern}: ${r.reason}`);
    }
    if (result.refused.length > 0) throw new CliError(`${result.refused.length} of ${options.patterns.length} claim(s) refused.`);
  });
}

export async function unlockCommand(
  options: { repo: string; agent?: string; force?: boolean; patterns: string[] },
  output: Output,
): Promise<void> {
  await withClient(options.repo, async (client) => {
    const { released } = await client.invoke('locks.release', {
      ...(options.agent ? { agentId: options.agent } : {}),
      patterns: options.patterns,
      force: options.force ?? false,
    });
    for (const c of released as ClaimView[]) output.out(`released ${shown(c)} (held by ${holder(c.agentId)}, token ${c.token})`);
  });
}
