/** Import cycles that agents' changes introduced: one conflict per cycle. */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import { messageAgent, openDiff } from './conflict-actions';
import { changeTime, distinct, iso, type ConflictContext } from './conflict-context';

export function importCycleConflicts(ctx: ConflictContext): Conflict[] {
  return ctx.input.importCycles.map((cycle): Conflict => {
    const loop = [...cycle.paths, cycle.paths[0]!].join(' → ');
    const agents = distinct(cycle.agents);
    const actions: ConflictAction[] = cycle.paths.map(openDiff);
    for (const agentId of agents) {
      if (!ctx.isRunning(agentId)) continue;
      actions.push(
        messageAgent(
          ctx,
          agentId,
          `your changes created an import cycle: ${loop}. Break it: move what both modules need into a module of its own that neither imports back, or import lazily inside the function that needs it.`,
        ),
      );
    }
    const touched = ctx.input.changes.filter((change) => cycle.paths.includes(change.path)).map(changeTime);
    return {
      // Sorted, so the same cycle keeps its id whichever module the finder starts it from.
      id: `import-cycle:${[...cycle.paths].sort().join('+')}`,
      kind: 'import-cycle',
      severity: 'warning',
      paths: cycle.paths,
      agents,
      summary: `The changes made an import cycle: ${loop}.`,
      recommendation: `Tell ${agents.length > 0 ? agents.map(ctx.label).join(' and ') : 'the agent that changed these files'} to break the cycle before it becomes a runtime import error.`,
      actions,
      at: iso(touched.length > 0 ? Math.max(...touched) : ctx.input.now),
    };
  });
}
