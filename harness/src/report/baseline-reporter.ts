import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import { renderComparison } from './compare.js';
import type { ReportContext, Reporter } from './reporter.js';

/** baseline.md and baseline.json: the regression diff, written only for runs with `--baseline`. */
export const baselineReporter: Reporter = {
  id: 'baseline',
  file: 'baseline.md',
  async write(context: ReportContext) {
    if (!context.baseline) return;
    await writeFileAtomic(join(context.outDir, 'baseline.json'), `${JSON.stringify({ base: context.baseline.base.runId, failOn: context.baseline.failOn, exitCode: context.baseline.exitCode, ...context.baseline.diff }, null, 2)}\n`);
    await writeFileAtomic(join(context.outDir, 'baseline.md'), await renderComparison(context.baseline));
  },
};
