/** `switchyard metrics [AGENT]`: time per state, turns, tool calls, tokens, cost and edits, per agent and summed. */
import type { AgentMetrics, MetricsReport, StateDurations } from '../shared/metrics';
import { withClient, type Output } from './commands';

export async function metricsCommand(options: { repo: string; json?: boolean; agent?: string }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const report = await client.invoke('metrics.get', options.agent ? { agentId: options.agent } : {});
    output.out(options.json ? JSON.stringify(report) : formatMetrics(report, options.agent !== undefined));
  });
}

const COLUMNS = ['agent', 'status', 'wall', 'working', 'input?', 'idle', 'queued', 'claim', 'turns', 'calls', 'tokens in', 'cached', 'out', 'cost', 'edits', 'files', '+/-', 'refused', 'conflicts'];

export function formatMetrics(report: MetricsReport, oneAgent: boolean): string {
  if (report.agents.length === 0) return `No agent metrics yet in ${report.repo}.`;
  const rows = report.agents.map((a) => row(a.name, a.status ?? 'removed', a));
  if (!oneAgent) rows.push(row('all agents', '', report.totals));
  const lines = table([COLUMNS, ...rows]);
  const notes = [...new Set([...report.agents.map((a) => a.cost.note), oneAgent ? null : report.totals.cost.note].filter((n): n is string => n !== null))];
  for (const note of notes) lines.push(`cost: ${note}`);
  if (!oneAgent) {
    const claims = report.bottlenecks.claims.slice(0, 5);
    if (claims.length > 0) lines.push('', 'Claims waited on longest:', ...claims.map((c) => `  ${c.pattern}  ${duration(c.waitedMs)} over ${c.waits} wait(s)`));
    const stuck = report.bottlenecks.agents.slice(0, 5);
    if (stuck.length > 0) lines.push('', 'Agents held up longest:', ...stuck.map((a) => `  ${a.name}${a.stuck ? ' (stuck now)' : ''}  waited ${duration(a.waitingMs)}`));
    const edits = report.velocity.buckets.reduce((s, b) => s + b.edits, 0);
    lines.push('', `${edits} edit(s) in ${report.velocity.buckets.length} bucket(s) of ${duration(report.velocity.bucketMs)}; --json for the series.`);
  }
  return lines.join('\n');
}

type Figures = Pick<AgentMetrics, 'wallMs' | 'durations' | 'modelTurns' | 'toolCalls' | 'tokens' | 'cost' | 'edits' | 'filesChanged' | 'linesAdded' | 'linesRemoved' | 'refusedWrites' | 'conflicts'>;

function row(name: string, status: string, f: Figures): string[] {
  const d = (state: keyof StateDurations): string => duration(f.durations[state] ?? 0);
  return [
    name,
    status,
    duration(f.wallMs),
    d('working'),
    d('waiting-for-input'),
    d('ready-idle'),
    d('queued'),
    d('waiting-on-claim'),
    String(f.modelTurns),
    String(f.toolCalls),
    count(f.tokens.input),
    count(f.tokens.cachedInput),
    count(f.tokens.output),
    f.cost.usd === null ? 'n/a' : `$${f.cost.usd.toFixed(f.cost.usd < 1 ? 4 : 2)}`,
    String(f.edits),
    String(f.filesChanged),
    `+${f.linesAdded}/-${f.linesRemoved}`,
    String(f.refusedWrites),
    String(f.conflicts),
  ];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function count(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
