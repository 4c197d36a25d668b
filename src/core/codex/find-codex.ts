/**
 * Finds the Codex CLI binary. The user's choice wins: a configured path (`--codex-path`, then
 * SWITCHYARD_CODEX_PATH, then the repository's setting), then the user's own `codex` on PATH
 * (logged in, perhaps newer), and only then the `@openai/codex` Switchyard ships with. A
 * configured path that is not an executable file is an error, never a silent fallback: the user
 * asked for that binary. An npm-installed `codex` (the Node wrapper `bin/codex.js`) is resolved
 * to the native binary it would start, so the pid we track is Codex itself and signals reach it
 * without a middleman.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CodexSource } from '../../shared/codex';
import { SwitchyardError } from '../../shared/result';

export interface CodexBinary {
  path: string;
  source: CodexSource;
  /** Why this one, in words: "from --codex-path", "on PATH", "bundled", … */
  reason: string;
  /** Environment the npm wrapper would have set for the native binary. */
  env: Record<string, string>;
}

/** A Codex the user named, and where they named it. */
export interface ConfiguredCodex {
  path: string;
  from: 'flag' | 'env' | 'setting';
}

export interface FindCodexOptions {
  /** Directories whose node_modules may hold `@openai/codex` (the app's own root first). */
  searchRoots: string[];
  /** The strongest configured path (flag, else SWITCHYARD_CODEX_PATH, else the setting). */
  configured?: ConfiguredCodex | null | undefined;
  /** PATH to search; defaults to process.env.PATH. */
  envPath?: string | undefined;
  platform?: NodeJS.Platform;
  arch?: string;
}

/** The strongest configured Codex: `--codex-path`, then SWITCHYARD_CODEX_PATH, then the repository's setting. */
export function configuredCodex(sources: { flag?: string | null | undefined; env?: string | null | undefined; setting?: string | null | undefined }): ConfiguredCodex | null {
  if (sources.flag) return { path: sources.flag, from: 'flag' };
  if (sources.env) return { path: sources.env, from: 'env' };
  if (sources.setting) return { path: sources.setting, from: 'setting' };
  return null;
}

export const CONFIGURED_REASONS: Record<ConfiguredCodex['from'], string> = {
  flag: 'from --codex-path',
  env: 'from SWITCHYARD_CODEX_PATH',
  setting: 'from the Codex path setting',
};

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

interface NativeBinary {
  path: string;
  packageRoot: string;
  env: Record<string, string>;
}

/** The native binary inside an installed `@openai/codex` package (or its platform package). */
function nativeInPackage(packageRoot: string, platform: string, arch: string): NativeBinary | null {
  const key = `${platform}-${arch}`;
  const triple = TARGET_TRIPLES[key];
  if (!triple) return null;
  const exe = platform === 'win32' ? 'codex.exe' : 'codex';
  const vendorRoots: string[] = [];
  try {
    // The platform binary is an optional dependency aliased as @openai/codex-<platform>-<arch>.
    const platformPkg = createRequire(path.join(packageRoot, 'package.json')).resolve(`@openai/codex-${key}/package.json`);
    vendorRoots.push(path.join(path.dirname(platformPkg), 'vendor'));
  } catch {
    // Older packages ship the binary inside @openai/codex itself.
  }
  vendorRoots.push(path.join(packageRoot, 'vendor'));
  for (const vendor of vendorRoots) {
    const candidate = path.join(vendor, triple, 'bin', exe);
    if (isExecutableFile(candidate)) {
      return { path: candidate, packageRoot, env: { CODEX_MANAGED_PACKAGE_ROOT: packageRoot, CODEX_MANAGED_BY_NPM: '1' } };
    }
  }
  return null;
}

/** The `@openai/codex` package a root's node_modules resolves to, if any. */
function packageRootFrom(root: string): string | null {
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('@openai/codex/package.json'));
  } catch {
    return null;
  }
}

/** `…/@openai/codex/bin/codex.js` (through any symlink) → that package's root; else null. */
function npmWrapperPackage(file: string): string | null {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  if (path.basename(real) !== 'codex.js' || path.basename(path.dirname(real)) !== 'bin') return null;
  const packageRoot = path.dirname(path.dirname(real));
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === '@openai/codex' ? packageRoot : null;
  } catch {
    return null;
  }
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

/** The Codex bundled with Switchyard (the first search root that has one). */
export function findBundledCodex(searchRoots: readonly string[], platform: string = process.platform, arch: string = process.arch): NativeBinary | null {
  for (const root of searchRoots) {
    const packageRoot = packageRootFrom(root);
    const found = packageRoot ? nativeInPackage(packageRoot, platform, arch) : null;
    if (found) return found;
  }
  return null;
}

export function findCodex(options: FindCodexOptions): CodexBinary {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const bundled = findBundledCodex(options.searchRoots, platform, arch);
  /** A found file, or the native binary behind it when it is an npm wrapper. */
  const resolve = (file: string, source: CodexSource, reason: string): CodexBinary => {
    const packageRoot = npmWrapperPackage(file);
    const native = packageRoot ? nativeInPackage(packageRoot, platform, arch) : null;
    if (!native) return { path: file, source, reason, env: {} };
    // `npm run` puts node_modules/.bin first on PATH: that `codex` is the bundled one.
    if (source === 'path' && bundled && fs.realpathSync(native.packageRoot) === fs.realpathSync(bundled.packageRoot)) {
      return { path: native.path, source: 'bundled', reason: 'bundled', env: native.env };
    }
    return { path: native.path, source, reason, env: native.env };
  };

  const configured = options.configured;
  if (configured) {
    const reason = CONFIGURED_REASONS[configured.from];
    if (!path.isAbsolute(configured.path)) {
      throw new SwitchyardError('codex-not-found', `The Codex binary ${reason} (${configured.path}) is not an absolute path.`);
    }
    if (!isExecutableFile(configured.path)) {
      const why = fs.existsSync(configured.path) ? 'is not an executable file' : 'does not exist';
      throw new SwitchyardError(
        'codex-not-found',
        `The Codex binary ${reason} (${configured.path}) ${why}. Fix or remove that path to use the \`codex\` on PATH or the bundled one.`,
      );
    }
    return resolve(configured.path, configured.from, reason);
  }
  const onPath = fromPath(options.envPath ?? process.env.PATH ?? '', platform);
  if (onPath) return resolve(onPath, 'path', 'on PATH');
  if (bundled) return { path: bundled.path, source: 'bundled', reason: 'bundled', env: bundled.env };
  throw new SwitchyardError(
    'codex-not-found',
    'Codex CLI not found: no path is configured (--codex-path, SWITCHYARD_CODEX_PATH or the Codex path setting), ' +
      `there is no \`codex\` on PATH, and @openai/codex is not installed in ${options.searchRoots.join(' or ')}. ` +
      'Install it with `npm install -g @openai/codex`.',
  );
}
