import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { RunCoverageBuilder, suiteCoverage, withOccurrences, type Coverage } from '../coverage/index.js';
import { situationsOf, mainAction } from '../coverage/scenario-situations.js';
import { RUN_FILES, streamFailures, streamTranscripts } from '../report/run-files.js';
import { loadSuite, type Suite } from '../scenario/load.js';
import type { Env } from '../bot/env-vars.js';

export interface CoverageOptions {
  scenarioPaths: string[];
  botsDir: string;
  /** A run folder of these scenarios: adds what happened in it. */
  runDir?: string;
  display?: (path: string) => string;
  /** Where bot files' `${VAR}`s are read from. */
  env?: Env;
}

/** suite → what it sets up per bot; with a run folder, → what happened in the run. */
export async function coverageOf(options: CoverageOptions): Promise<Coverage> {
  const display = options.display ?? ((p: string) => p);
  const suite = await loadSuite({ paths: options.scenarioPaths, botsDir: options.botsDir, display, ...(options.env ? { env: options.env } : {}) });
  const planned = suiteCoverage(suite);
  if (!options.runDir) return planned;
  if (!existsSync(join(options.runDir, RUN_FILES.transcripts))) throw new SlotcheckError('INPUT_NOT_FOUND', `${display(options.runDir)}: not a run folder (no ${RUN_FILES.transcripts})`);
  const builder = new RunCoverageBuilder(policyLookup(suite));
  for await (const record of streamTranscripts(options.runDir)) builder.add(record);
  for await (const failure of streamFailures(options.runDir)) builder.addFailure(failure);
  return withOccurrences(planned, builder);
}

/** Each scenario's `confirmation/goAhead` policy, for counting the conversations that played it out. */
export function policyLookup(suite: Pick<Suite, 'scenarios' | 'bots'>): (scenarioId: string) => string | undefined {
  const policies = new Map(suite.scenarios.map((s) => {
    const situations = situationsOf(s, mainAction(suite.bots.get(s.bot)!.task));
    return [s.id, `${situations.confirmation}/${situations.goAhead}`] as const;
  }));
  return (id) => policies.get(id);
}
