/**
 * What the "Merge both" dialog asks of the core: the preview of a three-way merge of two journal
 * versions, writing it, and handing a conflicted one to a Codex agent. Outcomes end in a toast;
 * failures are returned so the dialog can say them where the user is looking.
 */
import type { CommandOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { CoreServices } from './core-services';
import { useStore } from './store';

/** The three versions a conflict's merge-versions action names. */
export interface MergeRequest {
  path: string;
  base: number;
  ours: number;
  theirs: number;
}

const info = (message: string): void => useStore.getState().pushToast(message, { tone: 'info' });

export function previewMerge(services: CoreServices, request: MergeRequest): Promise<Result<CommandOutput<'conflicts.mergePreview'>>> {
  return services.api.invoke('conflicts.mergePreview', { ...request });
}

/** Writes the merge; `writeConflicts` only after the user confirmed a file with conflict markers. */
export async function writeMerge(
  services: CoreServices,
  request: MergeRequest,
  writeConflicts: boolean,
): Promise<Result<CommandOutput<'conflicts.merge'>>> {
  const result = await services.api.invoke('conflicts.merge', { ...request, writeConflicts });
  if (result.ok) {
    const { version, conflicts, written } = result.value;
    if (!written) info(`${request.path} already holds the merge; nothing was written.`);
    else if (conflicts > 0) info(`Wrote the merge of ${request.path} as version ${version}, with ${conflicts} conflict region(s) marked in the file.`);
    else info(`Merged both versions of ${request.path} (version ${version}).`);
  }
  return result;
}

export async function resolveMergeWithAgent(
  services: CoreServices,
  request: MergeRequest,
  nameOf: (agentId: string) => string,
): Promise<Result<CommandOutput<'conflicts.resolveWithAgent'>>> {
  const result = await services.api.invoke('conflicts.resolveWithAgent', { ...request });
  if (result.ok) {
    const { name, told } = result.value;
    const waiting = told.length > 0 ? ` Told ${told.map(nameOf).join(' and ')} to wait.` : '';
    info(`Launched ${name} to resolve ${request.path}.${waiting}`);
  }
  return result;
}
