/**
 * The branch an isolated agent works on: `switchyard/<agent name>`, turned into a valid ref name
 * (git check-ref-format's rules) and made unique with the agent's id when the name is taken. Pure.
 */

export const AGENT_BRANCH_PREFIX = 'switchyard/';
/** Long names make unreadable branch lists; the id suffix keeps truncated names unique. */
const MAX_NAME_CHARS = 60;

/** The name as one ref component: no spaces, control characters, `..`, `@{`, `~^:?*[\`, leading dots or `.lock` ending. */
export function sanitizeBranchComponent(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    // Anything git forbids in a ref, plus `/` (one component) and whitespace.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what git forbids
    .replace(/[\u0000-\u0020\u007f~^:?*[\\/]+/g, '-')
    .replace(/@\{/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_NAME_CHARS)
    .replace(/^[.-]+|[.-]+$/g, '')
    .replace(/\.lock$/i, '-lock');
  // `@` alone is HEAD's other name.
  return cleaned === '' || cleaned === '@' ? 'agent' : cleaned;
}

/**
 * `switchyard/<name>`; when that branch exists, `switchyard/<name>-<id>`; and should even that be
 * left over from an earlier agent with the same id, a counter after it.
 */
export function agentBranchName(name: string, id: string, existing: ReadonlySet<string>): string {
  const preferred = `${AGENT_BRANCH_PREFIX}${sanitizeBranchComponent(name)}`;
  if (!existing.has(preferred)) return preferred;
  const withId = `${preferred}-${id}`;
  let candidate = withId;
  for (let n = 2; existing.has(candidate); n++) candidate = `${withId}-${n}`;
  return candidate;
}
