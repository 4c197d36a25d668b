/**
 * Finds the Codex CLI binary: the project's own `@openai/codex` dependency first, then a
 * configured path, then PATH. The native binary is resolved directly (not the Node wrapper),
 * so the pid we track is Codex itself and signals reach it without a middleman.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';

export interface CodexBinary {
  path: string;
  source: 'dependency' | 'configured' | 'path';
  /** Environment the npm wrapper would have set for the native binary. */
  env: Record<string, string>;
}

export interface FindCodexOptions {
  /** Directories whose node_modules may hold `@openai/codex` (the app's own root first). */
  searchRoots: string[];
  /** A path the user configured (setting, flag or SWITCHYARD_CODEX_PATH). */
  configuredPath?: string | undefined;
  /** PATH to search; defaults to process.env.PATH. */
  envPath?: string | undefined;
  platform?: NodeJS.Platform;
  arch?: string;
}

const TARGET_TRIPLES: Record<string, string> = {
  'linux-x64': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
  'win32-arm64': 'aarch64-pc-windows-msvc',
};

function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fromDependency(root: string, platform: string, arch: string): CodexBinary | null {
  const key = `${platform}-${arch}`;
  const triple = TARGET_TRIPLES[key];
  if (!triple) return null;
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  let packageRoot: string;
  try {
    packageRoot = path.dirname(requireFromRoot.resolve('@openai/codex/package.json'));
  } catch {
    return null;
  }
  const exe = platform === 'win32' ? 'codex.exe' : 'codex';
  const vendorRoots: string[] = [];
  try {
    const platformPkg = createRequire(path.join(packageRoot, 'package.json')).resolve(
      `@openai/codex-${key}/package.json`,
    );
    vendorRoots.push(path.join(path.dirname(platformPkg), 'vendor'));
  } catch {
    // Older packages ship the binary inside @openai/codex itself.
  }
  vendorRoots.push(path.join(packageRoot, 'vendor'));
  for (const vendor of vendorRoots) {
    const candidate = path.join(vendor, triple, 'bin', exe);
    if (isExecutableFile(candidate)) {
      return {
        path: candidate,
        source: 'dependency',
        env: { CODEX_MANAGED_PACKAGE_ROOT: packageRoot, CODEX_MANAGED_BY_NPM: '1' },
      };
    }
  }
  return null;
}

function fromPath(envPath: string, platform: string): string | null {
  const names = platform === 'win32' ? ['codex.exe', 'codex.cmd'] : ['codex'];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

export function findCodex(options: FindCodexOptions): CodexBinary {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  for (const root of options.searchRoots) {
    const found = fromDependency(root, platform, arch);
    if (found) return found;
  }
  if (options.configuredPath) {
    if (isExecutableFile(options.configuredPath)) {
      return { path: options.configuredPath, source: 'configured', env: {} };
    }
  }
  const onPath = fromPath(options.envPath ?? process.env.PATH ?? '', platform);
  if (onPath) return { path: onPath, source: 'path', env: {} };

  const configured = options.configuredPath
    ? `the configured path ${options.configuredPath} is not an executable file`
    : 'no path is configured (SWITCHYARD_CODEX_PATH or --codex-path)';
  throw new SwitchyardError(
    'codex-not-found',
    `Codex CLI not found: @openai/codex is not installed in ${options.searchRoots.join(' or ')}, ` +
      `${configured}, and there is no \`codex\` on PATH. Install it with \`npm install -g @openai/codex\`.`,
  );
}
