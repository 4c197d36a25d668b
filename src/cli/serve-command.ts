/** `switchyard serve`: runs the core with the browser UI until interrupted. */
import { startSwitchyard } from '../host/serve';
import type { Output } from './commands';

export interface ServeCommandOptions {
  repo: string | null;
  port?: number;
  codexPath?: string;
  appRoot: string;
}

export async function serveCommand(options: ServeCommandOptions, output: Output): Promise<void> {
  const running = await startSwitchyard({
    repo: options.repo,
    appRoot: options.appRoot,
    port: options.port ?? 0,
    // SWITCHYARD_CODEX_PATH is the core's to read: it ranks below the flag and above the setting.
    codexPath: options.codexPath,
    servePages: true,
    kind: 'serve',
    nodeRunner: [process.execPath],
  });
  output.out(`Switchyard is serving ${running.core.repo ?? '(no repository)'} at ${running.host.url}`);

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
}
