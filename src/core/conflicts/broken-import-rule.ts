/**
 * Broken imports the agents' changes introduced: one conflict per importing file and module,
 * naming who wrote the import and who removed what it needs, with a message for each of them.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import type { BrokenImport } from './broken-imports';
import { messageAgent, openDiff } from './conflict-actions';
import { changeTime, distinct, iso, listWords, type ConflictContext } from './conflict-context';

/**
 * How a broken import is told to an agent. Today it types into the agent's terminal (the
 * message-agent action); this is the one place to repoint when issue 14's agent messaging lands.
 */
export function tellAgentAboutBrokenImport(ctx: ConflictContext, agentId: string, text: string): ConflictAction {
  return messageAgent(ctx, agentId, text);
}

/** `total from ./cart` or `the module ./cart`. */
function whatIsMissing(broken: BrokenImport): string {
  if (broken.names.length === 0) return `the module ${broken.specifier}`;
  const names = listWords(broken.names.map((name) => (name === 'default' ? 'the default export' : name)));
  return `${names} from ${broken.specifier}${broken.target ? ` (${broken.target})` : ''}`;
}

function whoRemoved(ctx: ConflictContext, broken: BrokenImport): string {
  if (broken.cause === 'never-existed') return broken.names.length === 0 ? 'which does not exist' : 'which it never exported';
  const removers = broken.removerAgents.map(ctx.label);
  const by = removers.length > 0 ? ` by ${listWords(removers)}` : '';
  return broken.names.length === 0 ? `which was deleted${by}` : `which ${broken.names.length === 1 ? 'was' : 'were'} removed${by}`;
}

export function brokenImportConflicts(ctx: ConflictContext): Conflict[] {
  return (ctx.input.brokenImports ?? []).map((broken): Conflict => {
    const missing = whatIsMissing(broken);
    const removed = whoRemoved(ctx, broken);
    const importers = broken.importerAgents;
    const removers = broken.removerAgents.filter((agentId) => !importers.includes(agentId));
    const paths = distinct([broken.importer, ...(broken.target ? [broken.target] : [])]);
    const actions: ConflictAction[] = paths.map(openDiff);
    for (const agentId of importers) {
      if (!ctx.isRunning(agentId)) continue;
      actions.push(
        tellAgentAboutBrokenImport(
          ctx,
          agentId,
          `${broken.importer} imports ${missing}, ${removed}. Import it from where it lives now, or stop using it${broken.cause === 'removed' && removers.length > 0 ? `, or agree with ${listWords(removers.map(ctx.label))} to keep it` : ''}.`,
        ),
      );
    }
    for (const agentId of removers) {
      if (!ctx.isRunning(agentId)) continue;
      actions.push(
        tellAgentAboutBrokenImport(
          ctx,
          agentId,
          `you removed ${missing}, but ${broken.importer}${importers.length > 0 ? ` (changed by ${listWords(importers.map(ctx.label))})` : ''} still imports it. Put it back, or update ${broken.importer} to match.`,
        ),
      );
    }
    const involved = distinct([...importers, ...removers]);
    const touched = ctx.input.changes.filter((change) => paths.includes(change.path)).map(changeTime);
    const who = involved.length > 0 ? listWords(involved.map(ctx.label)) : 'the agent that changed these files';
    return {
      id: `broken-import:${broken.importer}:${broken.specifier}:${[...broken.names].sort().join('+')}`,
      kind: 'broken-import',
      severity: 'warning',
      paths,
      agents: involved,
      summary: `${broken.importer} imports ${missing}, ${removed}.`,
      recommendation:
        broken.cause === 'removed'
          ? `Tell ${who} to restore what was removed or update the import, before it becomes a runtime error.`
          : `Tell ${who} to fix the import (a name or module that does not exist), unless the module is still being written.`,
      actions,
      at: iso(touched.length > 0 ? Math.max(...touched) : ctx.input.now),
    };
  });
}
