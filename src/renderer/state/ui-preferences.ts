/**
 * What the window remembers across reloads and restarts (this browser or Electron profile only),
 * such as the terminal layout. Storage may be missing or refuse writes (a locked-down profile);
 * then the default is used and nothing breaks.
 */

/** The saved value of `key` when it is one of `allowed`; otherwise `fallback`. */
export function savedChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = globalThis.localStorage?.getItem(`switchyard.${key}`);
    return allowed.find((choice) => choice === value) ?? fallback;
  } catch {
    return fallback;
  }
}

export function saveChoice(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(`switchyard.${key}`, value);
  } catch {
    // Not remembered; the choice still holds until the page reloads.
  }
}
