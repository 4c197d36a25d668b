/** The claims typed in the launch form: several may be typed at once, separated by commas or newlines. */
export function addClaimPatterns(claims: readonly string[], typed: string): string[] {
  const added = typed
    .split(/[,\n]/)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  return [...new Set([...claims, ...added])];
}
