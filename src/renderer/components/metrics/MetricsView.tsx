/**
 * The Metrics view (lazy-loaded with recharts, see MetricsArea): each agent's states as a Gantt-like
 * strip, tokens and cost per agent, edits over time, a table of the figures and the bottlenecks.
 * It asks `metrics.get` while shown, every few seconds.
 */
import { useEffect, useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsReport, MetricsState } from '../../../shared/metrics';
import { useServices } from '../../services-context';
import { useRepo } from '../../state/selectors';
import { EmptyState } from '../EmptyState';
import { AGENT_COLORS, clock, STATE_COLORS, STATE_LABELS, stateStrips, tokenRows, velocityRows } from './metrics-chart-data';
import { METRICS_VIEW_ID } from './metrics-ids';
import './metrics.css';

/** Often enough to watch agents work, rarely enough to cost the core nothing noticeable. */
const METRICS_REFRESH_MS = 5_000;
const ROW_HEIGHT = 34;

export default function MetricsView() {
  const repo = useRepo();
  const { report, error } = useMetricsReport(repo);
  let body;
  if (repo === null) body = <EmptyState>Open a repository to see its agents’ metrics.</EmptyState>;
  else if (report === null) body = <EmptyState>{error ?? 'Loading the metrics…'}</EmptyState>;
  else if (report.agents.length === 0) body = <EmptyState>No agent has run in this repository yet.</EmptyState>;
  else body = <MetricsCharts report={report} />;
  return (
    <section id={METRICS_VIEW_ID} className="metrics-view" aria-label="Metrics">
      <h2 className="metrics-title">Metrics</h2>
      {error && report && <p className="metrics-error">{error}</p>}
      {body}
    </section>
  );
}

function useMetricsReport(repo: string | null): { report: MetricsReport | null; error: string | null } {
  const { api } = useServices();
  const [report, setReport] = useState<MetricsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (repo === null) return;
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async (): Promise<void> => {
      if (!document.hidden) {
        const result = await api.invoke('metrics.get', {});
        if (disposed) return;
        if (result.ok) {
          setReport(result.value);
          setError(null);
        } else setError(result.error.message);
      }
      if (!disposed) timer = setTimeout(() => void refresh(), METRICS_REFRESH_MS);
    };
    void refresh();
    return () => {
      disposed = true;
      clearTimeout(timer);
    };
  }, [api, repo]);
  return { report: report && report.repo === repo ? report : null, error };
}

function MetricsCharts({ report }: { report: MetricsReport }) {
  return (
    <div className="metrics-body">
      <Figure chart="timeline" title="States over time">
        <StateTimeline report={report} />
      </Figure>
      <div className="metrics-pair">
        <Figure chart="tokens" title="Tokens per agent">
          <TokensChart report={report} />
        </Figure>
        <Figure chart="cost" title="Estimated cost per agent (USD)">
          <CostChart report={report} />
        </Figure>
      </div>
      <Figure chart="velocity" title={`Edits over time (per ${clock(report.velocity.bucketMs)})`}>
        <VelocityChart report={report} />
      </Figure>
      <FiguresTable report={report} />
      <Bottlenecks report={report} />
    </div>
  );
}

function Figure({ chart, title, children }: { chart: string; title: string; children: React.ReactNode }) {
  return (
    <figure className="metrics-figure" data-chart={chart}>
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}

function StateTimeline({ report }: { report: MetricsReport }) {
  const strips = stateStrips(report.agents);
  const height = Math.max(120, strips.rows.length * ROW_HEIGHT + 50);
  return (
    <>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={strips.rows} layout="vertical" barCategoryGap={6} margin={{ left: 8, right: 16 }}>
          <XAxis type="number" tickFormatter={(s: number) => clock(s * 1000)} stroke="currentColor" />
          <YAxis type="category" dataKey="name" width={120} stroke="currentColor" />
          <Bar dataKey="offset" stackId="strip" fill="transparent" isAnimationActive={false} />
          {Array.from({ length: strips.segments }, (_, i) => (
            <Bar key={i} dataKey={`s${i}`} stackId="strip" isAnimationActive={false}>
              {strips.rows.map((row, r) => (
                <Cell key={String(row.name) + r} fill={STATE_COLORS[strips.states[r]?.[i] ?? 'ended']} />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="metrics-legend">
        {(Object.keys(STATE_LABELS) as MetricsState[])
          .filter((s) => s !== 'ended')
          .map((state) => (
            <li key={state}>
              <span className="metrics-swatch" style={{ background: STATE_COLORS[state] }} />
              {STATE_LABELS[state]}
            </li>
          ))}
      </ul>
    </>
  );
}

function TokensChart({ report }: { report: MetricsReport }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={tokenRows(report.agents)} margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
        <XAxis dataKey="name" stroke="currentColor" />
        <YAxis stroke="currentColor" width={60} />
        <Tooltip />
        <Legend />
        <Bar dataKey="uncachedInput" name="input" stackId="tokens" fill="#4c6ef5" isAnimationActive={false} />
        <Bar dataKey="cachedInput" name="cached input" stackId="tokens" fill="#91a7ff" isAnimationActive={false} />
        <Bar dataKey="output" name="output" stackId="tokens" fill="#2f9e44" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

function CostChart({ report }: { report: MetricsReport }) {
  return (
    <>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={tokenRows(report.agents)} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="name" stroke="currentColor" />
          <YAxis stroke="currentColor" width={60} tickFormatter={(usd: number) => `$${usd.toFixed(usd < 1 ? 3 : 2)}`} />
          <Tooltip formatter={(usd) => `$${Number(usd).toFixed(4)}`} />
          <Bar dataKey="cost" name="cost" fill="#e8590c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {report.totals.cost.note && <p className="metrics-note">{report.totals.cost.note}</p>}
    </>
  );
}

function VelocityChart({ report }: { report: MetricsReport }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <AreaChart data={velocityRows(report)} margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
        <XAxis dataKey="label" stroke="currentColor" />
        <YAxis allowDecimals={false} stroke="currentColor" width={40} />
        <Tooltip />
        {report.agents.map((agent, i) => (
          <Area
            key={agent.id}
            type="stepAfter"
            dataKey={agent.id}
            name={agent.name}
            stackId="edits"
            stroke={AGENT_COLORS[i % AGENT_COLORS.length]}
            fill={AGENT_COLORS[i % AGENT_COLORS.length]}
            fillOpacity={0.5}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

function FiguresTable({ report }: { report: MetricsReport }) {
  const rows = [...report.agents.map((a) => ({ key: a.id, name: a.name, f: a })), { key: '(all)', name: 'All agents', f: report.totals }];
  return (
    <table className="metrics-table">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Wall</th>
          <th>Working</th>
          <th>Waiting for input</th>
          <th>On a claim</th>
          <th>Turns</th>
          <th>Tool calls</th>
          <th>Tokens in (cached)</th>
          <th>Tokens out</th>
          <th>Cost</th>
          <th>Edits</th>
          <th>Files, lines</th>
          <th>Refused</th>
          <th>Conflicts</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, f }) => (
          <tr key={key}>
            <th scope="row">{name}</th>
            <td>{clock(f.wallMs)}</td>
            <td>{clock(f.durations.working ?? 0)}</td>
            <td>{clock(f.durations['waiting-for-input'] ?? 0)}</td>
            <td>{clock(f.durations['waiting-on-claim'] ?? 0)}</td>
            <td>{f.modelTurns}</td>
            <td>{f.toolCalls}</td>
            <td>
              {f.tokens.input} ({f.tokens.cachedInput})
            </td>
            <td>{f.tokens.output}</td>
            <td title={f.cost.note ?? undefined}>{f.cost.usd === null ? 'n/a' : `$${f.cost.usd.toFixed(4)}`}</td>
            <td>{f.edits}</td>
            <td>
              {f.filesChanged}, +{f.linesAdded} −{f.linesRemoved}
            </td>
            <td>{f.refusedWrites}</td>
            <td>{f.conflicts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Bottlenecks({ report }: { report: MetricsReport }) {
  const { claims, agents } = report.bottlenecks;
  if (claims.length === 0 && agents.length === 0) return <p className="metrics-note">No agent waited on a claim or for input.</p>;
  return (
    <div className="metrics-pair">
      <div>
        <h3>Claims waited on longest</h3>
        {claims.length === 0 ? (
          <p className="metrics-note">None.</p>
        ) : (
          <ol>
            {claims.map((c) => (
              <li key={c.pattern}>
                <code>{c.pattern}</code> {clock(c.waitedMs)} over {c.waits} wait(s)
              </li>
            ))}
          </ol>
        )}
      </div>
      <div>
        <h3>Agents held up longest</h3>
        <ol>
          {agents.map((a) => (
            <li key={a.id}>
              {a.name}
              {a.stuck ? ' (stuck now)' : ''}: waited {clock(a.waitingMs)}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
