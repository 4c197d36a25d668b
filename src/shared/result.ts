/** Expected failures cross every boundary as values, never as thrown strings. */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-command'
  | 'not-found'
  | 'codex-not-found'
  | 'not-a-repository'
  | 'spawn-failed'
  | 'no-repository'
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** An error the core raises on purpose; the router turns it into a failed Result with its code. */
export class SwitchyardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SwitchyardError';
  }
}
