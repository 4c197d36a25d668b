/** The claims typed in the launch form: several may be typed at once, separated by commas or newlines. */
export function splitClaimPatterns(typed: string): string[] {
  return typed
    .split(/[,\n]/)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
}

/** `claims` with what was typed added, each once. */
export function addClaimPatterns(claims: readonly string[], typed: string): string[] {
  return [...new Set([...claims, ...splitClaimPatterns(typed)])];
}
