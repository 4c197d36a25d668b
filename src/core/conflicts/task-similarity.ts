/**
 * How alike two agents' tasks are: Jaccard similarity over word shingles of the normalised text.
 * Normalising (case, accents, punctuation, filler words, plurals) makes re-typed copies of one
 * task equal; shingles of one and two words keep word order, so "move a to b" is not "move b
 * to a", while one added word barely moves the score. Ticket references, tags and agent names
 * are taken out first (task-markers.ts): they say whose job it is, not what the job is.
 */
import { stripTaskMarkers, type TaskMarker } from './task-markers';

/** Longest shingle in words; single words are shingles too, so short tasks still compare. */
export const TASK_SHINGLE_SIZE = 2;

/** Words that carry no task of their own; two tasks differing only in these are the same. */
const FILLER_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'into',
  'this', 'that', 'these', 'those', 'is', 'are', 'be', 'it', 'its', 'as', 'please', 'all', 'so',
]);

/** Words of three letters or fewer keep a trailing s ("is", "bus", "gas" are not plurals). */
const MIN_PLURAL_LENGTH = 4;

const singular = (word: string): string =>
  word.length >= MIN_PLURAL_LENGTH && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

export function taskWords(task: string): string[] {
  return task
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !FILLER_WORDS.has(word))
    .map(singular);
}

export function taskShingles(task: string): Set<string> {
  const words = taskWords(task);
  const shingles = new Set<string>();
  for (let size = 1; size <= TASK_SHINGLE_SIZE; size++) {
    for (let i = 0; i + size <= words.length; i++) shingles.add(words.slice(i, i + size).join(' '));
  }
  return shingles;
}

function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const shingle of left) if (right.has(shingle)) shared++;
  return shared / (left.size + right.size - shared);
}

export interface TaskComparison {
  /** 0 to 1, after ticket references, tags and agent names are taken out of both tasks. */
  similarity: number;
  /** The same over the tasks as written: how much the markers alone were keeping them apart. */
  asWritten: number;
  /** Markers found in either task. */
  ignored: TaskMarker[];
}

/**
 * How alike two tasks are once the markers are out. `names` are the agents' names (of both):
 * "ada: fix login" and "fix login for bob" are one job. A task that is nothing but markers
 * matches nothing.
 */
export function compareTasks(a: string, b: string, names: readonly string[] = []): TaskComparison {
  const left = stripTaskMarkers(a, names);
  const right = stripTaskMarkers(b, names);
  return {
    similarity: jaccard(taskShingles(left.text), taskShingles(right.text)),
    asWritten: jaccard(taskShingles(a), taskShingles(b)),
    ignored: [...new Set([...left.markers, ...right.markers])],
  };
}

/** 1 for the same task, 0 for nothing in common (or an empty task, which matches nothing). */
export function taskSimilarity(a: string, b: string, names: readonly string[] = []): number {
  return compareTasks(a, b, names).similarity;
}
