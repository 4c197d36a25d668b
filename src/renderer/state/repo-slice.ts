import type { SliceCreator } from './slice-creator';

export interface RepoSlice {
  /** Absolute path of the open repository, or null before one is chosen. */
  repo: string | null;
  /** Why the last attempt to open a repository failed; cleared once one opens, by whatever route. */
  repoError: string | null;
  setRepo(repo: string | null): void;
  setRepoError(message: string | null): void;
}

export const createRepoSlice: SliceCreator<RepoSlice> = (set) => ({
  repo: null,
  repoError: null,
  setRepo: (repo) => set((state) => (repo !== null && repo !== state.repo ? { repo, repoError: null } : { repo })),
  setRepoError: (repoError) => set({ repoError }),
});
