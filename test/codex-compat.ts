/**
 * `npm run test:codex-compat [-- --only pinned|previous] [vitest filters…]`: the integration suite
 * against the pinned Codex (package.json) and against the newest patch of the minor before it,
 * one after the other. The previous Codex is installed once into node_modules/.cache/switchyard
 * (`npm install --prefix`, scripts skipped); each run gets SWITCHYARD_CODEX_PATH, which both the
 * test harness and the orchestrator obey, and the harness prints the version it really ran.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findBundledCodex } from '../src/core/codex/find-codex';
import { parseCodexVersion } from '../src/core/codex/codex-version';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'switchyard');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Target {
  label: 'pinned' | 'previous';
  version: string;
  /** What SWITCHYARD_CODEX_PATH is set to: the package's own `bin/codex.js`, resolved to its native binary. */
  binary: string;
}

function pinnedVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const pinned = manifest.devDependencies?.['@openai/codex'];
  if (!pinned || !/^\d+\.\d+\.\d+$/.test(pinned)) throw new Error(`@openai/codex is not pinned to an exact version in package.json (${String(pinned)}).`);
  return pinned;
}

/** The newest published 0.(minor-1).x; the registry is asked only when no such version is cached yet. */
function previousMinor(pinned: string): string {
  const [major, minor] = pinned.split('.').map(Number) as [number, number];
  if (minor === 0) throw new Error(`No minor before ${pinned}.`);
  const range = `${major}.${minor - 1}`;
  const cached = fs.existsSync(CACHE)
    ? fs
        .readdirSync(CACHE)
        .map((name) => /^codex-(\d+\.\d+\.\d+)$/.exec(name)?.[1])
        .filter((v): v is string => v !== undefined && v.startsWith(`${range}.`) && fs.existsSync(packageRootOf(v)))
    : [];
  if (cached.length > 0) return cached.sort(byPatch).at(-1)!;
  const listed = JSON.parse(execFileSync(NPM, ['view', `@openai/codex@${range}`, 'version', '--json'], { encoding: 'utf8' })) as string | string[];
  const versions = (Array.isArray(listed) ? listed : [listed]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (versions.length === 0) throw new Error(`The registry has no @openai/codex ${range}.x.`);
  return versions.sort(byPatch).at(-1)!;
}

const byPatch = (a: string, b: string): number => Number(a.split('.')[2]) - Number(b.split('.')[2]);
const packageRootOf = (version: string): string => path.join(CACHE, `codex-${version}`, 'node_modules', '@openai', 'codex');

function installPrevious(version: string): string {
  const prefix = path.join(CACHE, `codex-${version}`);
  const packageRoot = packageRootOf(version);
  if (!fs.existsSync(path.join(packageRoot, 'package.json'))) {
    fs.mkdirSync(prefix, { recursive: true });
    fs.writeFileSync(path.join(prefix, 'package.json'), `${JSON.stringify({ private: true, description: 'Codex for npm run test:codex-compat' })}\n`);
    console.log(`Installing @openai/codex@${version} into ${path.relative(ROOT, prefix)} …`);
    // Scripts skipped: the platform binary arrives as an ordinary optional dependency.
    execFileSync(NPM, ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `@openai/codex@${version}`], { stdio: 'inherit' });
  }
  return path.join(packageRoot, 'bin', 'codex.js');
}

function versionOf(binary: string): string | null {
  try {
    return parseCodexVersion(execFileSync(binary, ['--version'], { encoding: 'utf8' }));
  } catch {
    return null;
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  if (only !== undefined && only !== 'pinned' && only !== 'previous') throw new Error('--only takes pinned or previous.');

  const pinned = pinnedVersion();
  const bundled = findBundledCodex([ROOT]);
  if (!bundled) throw new Error('The pinned @openai/codex is not installed: run `npm ci` first.');
  const targets: Target[] = [];
  if (only !== 'previous') targets.push({ label: 'pinned', version: pinned, binary: path.join(bundled.packageRoot, 'bin', 'codex.js') });
  if (only !== 'pinned') {
    const previous = previousMinor(pinned);
    targets.push({ label: 'previous', version: previous, binary: installPrevious(previous) });
  }

  // The integration tests need the built hook and CLI.
  const build = spawnSync(NPM, ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) return build.status ?? 1;

  const results: string[] = [];
  let failed = 0;
  for (const target of targets) {
    const ran = versionOf(target.binary);
    if (ran !== target.version) throw new Error(`${target.binary} says it is ${String(ran)}, not ${target.version}.`);
    console.log(`\n=== Integration suite on Codex ${ran} (${target.label}): SWITCHYARD_CODEX_PATH=${path.relative(ROOT, target.binary)}\n`);
    const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SWITCHYARD_CODEX_PATH: target.binary },
    });
    const passed = run.status === 0;
    if (!passed) failed += 1;
    results.push(`Codex ${ran} (${target.label}): ${passed ? 'passed' : `FAILED (exit ${String(run.status ?? run.signal)})`}`);
  }
  console.log(`\n${results.join('\n')}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
