/**
 * The small bundle Codex runs at every hook (`out/main/hook.js codex-<event>`): the same code as
 * `switchyard hook`, without the rest of the CLI, so each tool call pays only Node's start-up.
 */
import { hookMain } from './hook-command';

void hookMain(process.argv[2] ?? '');
