/** The one way the lock table matches a glob against a repo-relative path. */
import picomatch from 'picomatch';

/**
 * `dot: true`: a claim on `src/**` must cover `src/.env` too, or a lock would have holes.
 * `windows: false`: paths are already POSIX, and a backslash in a glob is an escape.
 */
export const globOptions = (caseInsensitive: boolean): picomatch.PicomatchOptions => ({
  dot: true,
  windows: false,
  nocase: caseInsensitive,
});

export function compileGlob(pattern: string, caseInsensitive: boolean): (path: string) => boolean {
  const matcher = picomatch(pattern, globOptions(caseInsensitive));
  return (path) => matcher(path);
}
