import type { FailureClass } from '../detect/failure.js';
import type { HistoryEntry } from './history.js';
import { formatRate } from './run-stats.js';

/** Geometry of the trend chart (inline SVG): numbers and labels only, drawn by the template. */
export interface TrendChart {
  width: number;
  height: number;
  /** Horizontal grid lines at 0, 50 and 100 %. */
  grid: Array<{ y: number; label: string }>;
  series: Array<{ name: string; css: string; points: string; dots: Array<{ x: number; y: number; tip: string }> }>;
  xLabels: Array<{ x: number; label: string; anchor: 'start' | 'end' }>;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 16, top: 14, bottom: 30 };

/** Pass rate and pass^k over past runs (oldest first); undefined under two runs, when there is no trend to draw. */
export function trendChart(history: readonly HistoryEntry[], limit = 30): TrendChart | undefined {
  const runs = history.slice(-limit);
  if (runs.length < 2) return undefined;
  const x = (i: number) => round(PAD.left + (i * (W - PAD.left - PAD.right)) / (runs.length - 1));
  const y = (rate: number) => round(PAD.top + (1 - rate) * (H - PAD.top - PAD.bottom));
  const series = (name: string, css: string, rateOf: (e: HistoryEntry) => number | null) => {
    const dots = runs.flatMap((e, i) => {
      const rate = rateOf(e);
      return rate === null ? [] : [{ x: x(i), y: y(rate), tip: `${e.runId}: ${name} ${formatRate(rate)}${classSummary(e)}` }];
    });
    return { name, css, points: dots.map((d) => `${d.x},${d.y}`).join(' '), dots };
  };
  return {
    width: W,
    height: H,
    grid: [1, 0.5, 0].map((r) => ({ y: y(r), label: formatRate(r) })),
    series: [
      series('pass rate', 'pass-rate', (e) => (e.totals.conversations > 0 ? e.totals.passed / e.totals.conversations : null)),
      series('pass^k', 'pass-k', (e) => e.passHatK),
    ].filter((s) => s.dots.length > 0),
    xLabels: [
      { x: x(0), label: shortDate(runs[0]!.startedAt), anchor: 'start' },
      { x: x(runs.length - 1), label: shortDate(runs[runs.length - 1]!.startedAt), anchor: 'end' },
    ],
  };
}

function classSummary(entry: HistoryEntry): string {
  const parts = Object.entries(entry.conversationsByClass).map(([cls, n]) => `${cls} ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Geometry of the failures-by-class bar chart. */
export interface ClassChart {
  width: number;
  height: number;
  bars: Array<{ class: FailureClass; count: number; y: number; textY: number; width: number; countX: number }>;
}

export function classChart(counts: Partial<Record<FailureClass, number>>): ClassChart | undefined {
  const entries = (Object.entries(counts) as Array<[FailureClass, number]>).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return undefined;
  const max = Math.max(...entries.map(([, n]) => n));
  const row = 28;
  const label = 190;
  const barMax = 360;
  return {
    width: label + barMax + 60,
    height: entries.length * row + 8,
    bars: entries.map(([cls, count], i) => {
      const width = Math.max(2, round((count / max) * barMax));
      return { class: cls, count, y: i * row + 4, textY: i * row + 22, width, countX: label + width + 6 };
    }),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "2026-11-24T21:40:35.929Z" → "2026-11-24 21:40" (UTC, as recorded). */
function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
