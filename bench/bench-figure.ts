/** One measured figure; every figure is compared with a baseline measured in the same run. */
export interface BenchFigure {
  name: string;
  unit: string;
  median: number;
  /** (max - min) / median over the repeated runs, so noisy figures show themselves. */
  spread: number;
  baseline?: { name: string; median: number };
  /** median / baseline.median (for `betterThan` figures: how many times better than the baseline). */
  ratio?: number;
}

export function summarize(name: string, unit: string, samples: number[], baseline?: { name: string; samples: number[] }): BenchFigure {
  const median = medianOf(samples);
  const figure: BenchFigure = { name, unit, median, spread: spreadOf(samples, median) };
  if (baseline) {
    const baseMedian = medianOf(baseline.samples);
    figure.baseline = { name: baseline.name, median: baseMedian };
    figure.ratio = baseMedian === 0 ? Number.NaN : median / baseMedian;
  }
  return figure;
}

/**
 * A figure against a rival tool rather than a floor: its ratio says how many times better it is
 * than the baseline (above 1: better), whether higher (throughput) or lower (latency) is better.
 */
export function betterThan(
  name: string,
  unit: string,
  samples: number[],
  baseline: { name: string; samples: number[] },
  higherIsBetter: boolean,
): BenchFigure {
  const figure = summarize(name, unit, samples, baseline);
  if (!higherIsBetter && figure.ratio !== undefined) figure.ratio = 1 / figure.ratio;
  return figure;
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function spreadOf(values: number[], median: number): number {
  if (values.length < 2 || median === 0) return 0;
  return (Math.max(...values) - Math.min(...values)) / Math.abs(median);
}

const fmt = (n: number): string =>
  !Number.isFinite(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);

export function formatTable(figures: BenchFigure[]): string {
  const rows = [
    ['figure', 'median', 'unit', 'spread', 'baseline', 'ratio'],
    ...figures.map((f) => [
      f.name,
      fmt(f.median),
      f.unit,
      `${(f.spread * 100).toFixed(0)}%`,
      f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.median)}` : '-',
      f.ratio === undefined ? '-' : `${fmt(f.ratio)}×`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  // A Markdown table, so the printed one can be pasted into the README as it is.
  const separator = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), separator, ...rows.slice(1).map(line)].join('\n');
}
