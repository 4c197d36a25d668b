/**
 * Each agent's last ended check, kept in `.agents/checks/<agent id>.json` so the badge and the
 * output are still there after a restart. A file that cannot be read is skipped: a lost check
 * result costs a re-run, nothing more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckResultSchema, type CheckResult } from '../../shared/checks';
import { AgentIdSchema } from '../../shared/domain';
import { writeDurably } from '../registry/durable-write';

const checksDir = (repo: string): string => path.join(repo, '.agents', 'checks');

export async function saveCheck(repo: string, result: CheckResult): Promise<void> {
  // The id is the file name: only one that cannot leave the folder.
  AgentIdSchema.parse(result.agentId);
  await fs.promises.mkdir(checksDir(repo), { recursive: true });
  await writeDurably(path.join(checksDir(repo), `${result.agentId}.json`), JSON.stringify(result));
}

export function loadChecks(repo: string): CheckResult[] {
  let names: string[];
  try {
    names = fs.readdirSync(checksDir(repo)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const results: CheckResult[] = [];
  for (const name of names) {
    try {
      const parsed = CheckResultSchema.safeParse(JSON.parse(fs.readFileSync(path.join(checksDir(repo), name), 'utf8')));
      if (parsed.success && `${parsed.data.agentId}.json` === name) results.push(parsed.data);
    } catch {
      // Unreadable or half-written: as if there were no result.
    }
  }
  return results;
}
