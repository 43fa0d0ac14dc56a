import type { Failure, FailureClass } from '../detect/failure.js';
import { DETECTORS } from '../detect/registry.js';
import type { Comparison } from './compare.js';
import type { GuideLinks } from './guide-links.js';
import { classChart, trendChart } from './html-charts.js';
import { htmlConversation, selectConversations, type HtmlConversation } from './html-conversations.js';
import type { HistoryEntry } from './history.js';
import type { ReportContext } from './reporter.js';
import { formatRate, passRates, scenarioStatus } from './run-stats.js';
import type { SinceLast } from './since-last.js';
import type { RunSummary } from './summary.js';
import { usageView, type UsageView } from './usage-view.js';
import { coverageView, type BotCoverageView } from '../coverage/view.js';

/** Everything report.html shows, computed here so the template only lays it out. */
export interface HtmlModel {
  summary: RunSummary;
  isRun: boolean;
  groupName: string;
  rates: { passRate: string; passAt1: string; passHatK: string; k: number };
  durationText: string;
  classes: Array<{ class: FailureClass; title: string; count: number; guide?: GuideLinks[FailureClass] }>;
  classChart: ReturnType<typeof classChart>;
  trend: ReturnType<typeof trendChart>;
  historyRuns: number;
  scenarios: Array<{ id: string; bot: string; trials: number; passes: number; failed: number; errors: number; status: string; flaky: boolean; classes: string; classList: string[]; rate: string; rateValue: number; conversations: Array<{ anchor: string; label: string; outcome: string }> }>;
  conversations: Array<HtmlConversation & { status: string }>;
  sampleNote: string;
  sinceLast?: SinceLast;
  baseline?: Comparison;
  usage: UsageView | null;
  coverage: BotCoverageView[];
}

/** Reads what the page needs from the run folder: bounded, whatever the run's size. */
export async function buildHtmlModel(context: ReportContext): Promise<HtmlModel> {
  const { summary } = context;
  const guides = context.guideLinks ?? {};
  const selection = await selectConversations(context.transcripts());
  const failures = await failuresOf(new Set(selection.shown.map((r) => r.id)), context.failures());
  // Trials of a scenario can be flaky; recorded conversations of a task are different conversations, never trials.
  const isRun = summary.kind === 'run';
  const statusOf = new Map(summary.scenarios.map((s) => [s.id, isRun ? scenarioStatus(s) : groupStatus(s)]));
  const conversations = selection.shown
    .map((record, i) => htmlConversation(record, i, failures.get(record.id) ?? [], guides))
    .map((c) => ({ ...c, status: isRun ? (statusOf.get(c.group) ?? c.outcome) : c.outcome }))
    .sort((a, b) => a.group.localeCompare(b.group) || (a.trial ?? 0) - (b.trial ?? 0));
  const rates = passRates(summary);
  return {
    summary,
    isRun,
    groupName: summary.kind === 'run' ? 'scenario' : 'task',
    rates: { passRate: formatRate(rates.passRate), passAt1: formatRate(rates.passAt1), passHatK: formatRate(rates.passHatK), k: rates.k },
    durationText: `${(summary.durationMs / 1000).toFixed(1)} s`,
    classes: classesOf(summary, guides),
    classChart: classChart(summary.failuresByClass),
    trend: trendChart(context.history ?? []),
    historyRuns: context.history?.length ?? 0,
    scenarios: scenarioRows(summary, statusOf, conversations),
    conversations,
    sampleNote: sampleNote(selection.counts, isRun ? 'scenario' : 'task'),
    usage: usageView(summary) ?? null,
    coverage: context.coverage ? coverageView(context.coverage) : [],
    ...(context.sinceLast ? { sinceLast: context.sinceLast } : {}),
    ...(context.baseline ? { baseline: context.baseline } : {}),
  };
}

function groupStatus(s: RunSummary['scenarios'][number]): string {
  return s.failed > 0 ? 'fail' : s.errors > 0 ? 'error' : 'pass';
}

async function failuresOf(ids: ReadonlySet<string>, stream: AsyncIterable<Failure>): Promise<Map<string, Failure[]>> {
  const byConversation = new Map<string, Failure[]>();
  for await (const f of stream) if (ids.has(f.conversationId)) byConversation.set(f.conversationId, [...(byConversation.get(f.conversationId) ?? []), f]);
  return byConversation;
}

function classesOf(summary: RunSummary, guides: GuideLinks): HtmlModel['classes'] {
  return (Object.entries(summary.failuresByClass) as Array<[FailureClass, number]>)
    .sort((a, b) => b[1] - a[1])
    .map(([cls, count]) => ({ class: cls, title: DETECTORS[cls]?.title ?? '', count, ...(guides[cls] ? { guide: guides[cls] } : {}) }));
}

function scenarioRows(summary: RunSummary, statusOf: Map<string, string>, conversations: HtmlModel['conversations']): HtmlModel['scenarios'] {
  return summary.scenarios.map((s) => {
    const classList = Object.keys(s.failuresByClass).sort();
    const judged = s.passes + s.failed;
    const status = statusOf.get(s.id) ?? 'pass';
    return {
      id: s.id, bot: s.bot ?? '', trials: s.trials, passes: s.passes, failed: s.failed, errors: s.errors,
      status, flaky: status === 'flaky', classes: classList.join(' '), classList,
      rate: judged > 0 ? formatRate(s.passes / judged) : '–', rateValue: judged > 0 ? s.passes / judged : -1,
      conversations: conversations.filter((c) => c.group === s.id).map((c) => ({ anchor: c.anchor, label: c.trial !== undefined ? `#${c.trial}` : c.id, outcome: c.outcome })),
    };
  });
}

function sampleNote(counts: Awaited<ReturnType<typeof selectConversations>>['counts'], group: string): string {
  const bad = counts.failing + counts.erroring;
  const failingPart = counts.shownFailing === bad ? `all ${bad} failing or erroring` : `${counts.shownFailing} of ${bad} failing or erroring (the first in the run)`;
  const passingPart = counts.shownPassing === counts.passing ? `all ${counts.passing} passing` : `a sample of ${counts.shownPassing} of ${counts.passing} passing (at most one per ${group})`;
  return `Showing ${failingPart} and ${passingPart} conversations; every conversation is in transcripts.jsonl.`;
}
