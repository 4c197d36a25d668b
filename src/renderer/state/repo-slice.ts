import type { SliceCreator } from './slice-creator';

export interface RepoSlice {
  /** Absolute path of the open repository, or null before one is chosen. */
  repo: string | null;
  setRepo(repo: string | null): void;
}

export const createRepoSlice: SliceCreator<RepoSlice> = (set) => ({
  repo: null,
  setRepo: (repo) => set({ repo }),
});
