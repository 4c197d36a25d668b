import type { EventPayload } from '../shared/contract';

/** One commit-progress event as the line `switchyard commit` prints (and compares, to print each once). */
export function formatProgress(progress: EventPayload<'commit.progress'>): string {
  const where = progress.units > 0 && progress.unit > 0 ? `[${progress.unit}/${progress.units}] ` : '';
  return `${where}${progress.step}${progress.title ? `  ${progress.title}` : ''}`;
}
