import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { compareLoaded, type Comparison } from './compare.js';
import type { FailOn } from './diff.js';
import { readGuideLinks, type GuideLinks } from './guide-links.js';
import { historyEntryFor, recordHistory, HISTORY_FILE, type HistoryEntry } from './history.js';
import { loadRunFolder, type LoadedRun } from './run-folder.js';
import { differences, sinceLast, type SinceLast } from './since-last.js';
import type { RunSnapshot } from './snapshot.js';
import type { RunSummary } from './summary.js';
import { loadPriceTable, type PriceTable } from './prices.js';
import type { Coverage } from '../coverage/schema.js';

/** What finalizing a run does beyond summary.json and the reporters. */
export interface FinalizeOptions {
  /** Append the run to `<historyDir>/history.jsonl` and point `<historyDir>/latest` at it (the CLI passes the reports folder). */
  historyDir?: string;
  /** Where `guides/*.json` are, for links from failure classes to principles. */
  guidesDir?: string;
  /** Compare with this run; the comparison decides the exit code. */
  baseline?: { run: LoadedRun; failOn: FailOn };
  /** Prices per model, to put money next to the tokens. */
  prices?: PriceTable;
  /** What the run's suite sets up, and each scenario's policy: the reports show it beside what happened. */
  coverage?: { planned: Coverage; policyOf: (scenarioId: string) => string | undefined };
}

/** What reporters get besides the run's own files. */
export interface ReportExtras {
  /** Runs of the same kind from history.jsonl, oldest first, this one last. */
  history?: HistoryEntry[];
  sinceLast?: SinceLast;
  guideLinks?: GuideLinks;
  baseline?: Comparison;
  /** What the suite sets up and what happened in the run, per bot (per task for recorded conversations). */
  coverage?: Coverage;
}

/** Compares with the baseline, records history and reads guide links, in that order. */
export async function prepareExtras(outDir: string, summary: RunSummary, snapshot: RunSnapshot, options: FinalizeOptions): Promise<ReportExtras> {
  const extras: ReportExtras = {};
  if (options.baseline) extras.baseline = compareLoaded(options.baseline.run, { dir: outDir, meta: summary, snapshot }, options.baseline.failOn);
  if (options.historyDir) {
    const path = join(options.historyDir, HISTORY_FILE);
    const entry = historyEntryFor(summary, snapshot, outDir, options.historyDir);
    extras.history = (await recordHistory(path, entry, 60, (e) => differences(e, entry).length === 0)).filter((e) => e.kind === summary.kind);
    const since = sinceLast(extras.history, entry);
    if (since) extras.sinceLast = since;
  }
  if (options.guidesDir) extras.guideLinks = await readGuideLinks(options.guidesDir, outDir);
  return extras;
}

/** Report settings as a command gives them (folders, not yet read). */
export interface ReportSettings {
  historyDir?: string;
  guidesDir?: string;
  /** A run folder to compare with. */
  baselineDir?: string;
  failOn?: FailOn;
  /** A price table file (`--prices`), read and checked before anything runs. */
  pricesFile?: string;
}

/**
 * Reads and checks the baseline before anything runs, so a wrong
 * `--baseline` is a usage error (exit 2), not a surprise after the run.
 */
export async function finalizeOptionsFor(settings: ReportSettings | undefined, kind: LoadedRun['meta']['kind'], display?: (path: string) => string): Promise<FinalizeOptions> {
  if (!settings) return {};
  const options: FinalizeOptions = {
    ...(settings.historyDir ? { historyDir: settings.historyDir } : {}),
    ...(settings.guidesDir ? { guidesDir: settings.guidesDir } : {}),
    ...(settings.pricesFile ? { prices: loadPriceTable(settings.pricesFile, display) } : {}),
  };
  if (!settings.baselineDir) return options;
  const run = await loadRunFolder(settings.baselineDir, display);
  if (run.meta.kind !== kind) throw new SlotcheckError('RUN_INVALID', `--baseline ${display ? display(settings.baselineDir) : settings.baselineDir} holds a "${run.meta.kind}" folder and this is "${kind}": compare like with like`);
  return { ...options, baseline: { run, failOn: settings.failOn ?? 'new' } };
}
