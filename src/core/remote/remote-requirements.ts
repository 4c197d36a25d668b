/**
 * What the remote host needs before Switchyard can run there: Node (as new as package.json's
 * engines asks), git, Switchyard itself and a Codex it can find. Checked in one SSH round trip
 * (`sh -s` reading the script below on stdin), and each thing missing told in one sentence, so a
 * person fixes them all at once instead of one per attempt.
 */
/** The line `switchyard instance --which-codex` prints when it finds none (and its stderr holds why). */
const MISSING = 'missing';

/**
 * The script for `sh -s`. `remoteCommand` is how to start Switchyard there (shell words, e.g.
 * `switchyard` or `node /opt/switchyard/out/main/cli.js`); it is not secret.
 */
export function requirementsScript(remoteCommand: string): string {
  return [
    'say() { printf "%s=%s\\n" "$1" "$2"; }',
    `if command -v node >/dev/null 2>&1; then say node "$(node --version 2>/dev/null)"; else say node ${MISSING}; fi`,
    `if command -v git >/dev/null 2>&1; then say git ok; else say git ${MISSING}; fi`,
    `if version=$(${remoteCommand} --version 2>/dev/null); then`,
    '  say switchyard "$version"',
    // Switchyard's own search (SWITCHYARD_CODEX_PATH, PATH, the bundled @openai/codex) decides.
    `  if codex=$(${remoteCommand} instance --which-codex 2>/dev/null); then say codex "$codex"; else say codex ${MISSING}; fi`,
    'else',
    `  say switchyard ${MISSING}`,
    `  if command -v codex >/dev/null 2>&1; then say codex "$(command -v codex)"; else say codex ${MISSING}; fi`,
    'fi',
    '',
  ].join('\n');
}

export interface RequirementsReport {
  node: string | null;
  git: boolean;
  switchyard: string | null;
  codex: string | null;
}

export function parseRequirementsReport(stdout: string): RequirementsReport {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const value = (key: string): string | null => {
    const v = values.get(key);
    return v === undefined || v === '' || v === MISSING ? null : v;
  };
  return { node: value('node'), git: value('git') !== null, switchyard: value('switchyard'), codex: value('codex') };
}

/** `>=20.19.0` (package.json's engines.node) as [20, 19]; Node 20 when it says nothing readable. */
export function minimumNode(engines: string | undefined): [number, number] {
  const match = /(\d+)(?:\.(\d+))?/.exec(engines ?? '');
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : [20, 0];
}

const formatVersion = ([major, minor]: [number, number]): string => (minor === 0 ? `${major}` : `${major}.${minor}`);

/** One sentence per thing the remote host lacks; empty when it has everything. */
export function requirementProblems(report: RequirementsReport, hostLabel: string, minNode: [number, number], remoteCommand: string): string[] {
  const problems: string[] = [];
  const needs = `Switchyard needs Node ${formatVersion(minNode)} or later`;
  if (report.node === null) {
    problems.push(`Node is not installed on ${hostLabel} (not on the PATH an SSH command gets); ${needs}.`);
  } else {
    const match = /(\d+)\.(\d+)/.exec(report.node);
    const have: [number, number] | null = match ? [Number(match[1]), Number(match[2])] : null;
    if (have && (have[0] < minNode[0] || (have[0] === minNode[0] && have[1] < minNode[1]))) {
      problems.push(`Node ${have[0]}.${have[1]} is too old on ${hostLabel}; ${needs}.`);
    }
  }
  if (!report.git) problems.push(`git is not installed on ${hostLabel}; Switchyard needs it to work on the repository.`);
  if (report.switchyard === null) {
    problems.push(
      `Switchyard is not installed on ${hostLabel} (\`${remoteCommand} --version\` failed there); install it, or set SWITCHYARD_REMOTE_COMMAND to the command that starts it.`,
    );
  }
  if (report.codex === null) {
    problems.push(`Switchyard on ${hostLabel} finds no Codex; install it there (npm install -g @openai/codex) or set SWITCHYARD_CODEX_PATH in its environment.`);
  }
  return problems;
}

/** The command that checks the requirements: the script itself comes on stdin. */
export const REQUIREMENTS_COMMAND = `sh -s`;
