import type { Metrics, Score } from './metrics.js';

const HEADER = ['class', 'level', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'];

/** The metrics as a plain-text table a person reads in a terminal or a CI log. */
export function formatMetrics(metrics: Metrics): string[] {
  const rows = metrics.classes.flatMap((c) => [row(c.class, 'conversation', c.conversation), row('', 'message', c.message)]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const { clean, flagged, rate } = metrics.falseAlarms;
  return [
    `detector accuracy against ${metrics.labelsFile} (${metrics.scored} labelled conversations scored${skipped(metrics)})`,
    line(HEADER),
    ...rows.map(line),
    `false alarms: ${flagged} of ${clean} clean conversations flagged with any failure (${rate === null ? '–' : percent(rate)})`,
  ];
}

function row(cls: string, level: string, s: Score): string[] {
  return [cls, level, fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.truePositives), String(s.falsePositives), String(s.falseNegatives)];
}

function skipped(metrics: Metrics): string {
  const parts = [];
  if (metrics.unlabelled > 0) parts.push(`${metrics.unlabelled} without a label skipped`);
  const orphans = metrics.labelsWithoutConversation;
  if (orphans > 0) parts.push(`${orphans} ${orphans === 1 ? 'label matches' : 'labels match'} no conversation`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function fixed(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}
