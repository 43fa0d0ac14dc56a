import { SlotcheckError } from '../core/errors.js';
import { markdownReporter } from './markdown.js';
import { htmlReporter } from './html.js';
import { junitReporter } from './junit.js';
import { csvReporter } from './csv.js';
import { baselineReporter } from './baseline-reporter.js';
import type { Reporter } from './reporter.js';

/** Every reporter, keyed by id; each writes one file of a run folder. */
export const REPORTERS: Record<string, Reporter> = {
  markdown: markdownReporter,
  html: htmlReporter,
  junit: junitReporter,
  csv: csvReporter,
  baseline: baselineReporter,
};

/** The reporters for the given ids (all when none); an unknown id lists the known ones. */
export function resolveReporters(ids?: readonly string[]): Reporter[] {
  if (!ids || ids.length === 0) return Object.values(REPORTERS);
  return ids.map((id) => {
    const reporter = REPORTERS[id];
    if (!reporter) throw new SlotcheckError('UNKNOWN_ID', `unknown reporter "${id}"; known: ${Object.keys(REPORTERS).join(', ')}`);
    return reporter;
  });
}
