import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRunMeta } from '../report/run-folder.js';
import { RUN_FILES } from '../report/run-files.js';
import { suitePathsOf } from '../pipeline/run-setup.js';

/**
 * Where a run's scenarios and bots are, from its run.json: refining a run
 * verifies fixes on the suite it ran, not on whatever `scenarios/` holds now.
 * Undefined for a folder without a plan (an `analyze` run) or without run.json.
 */
export async function runSuitePaths(runDir: string, projectDir: string, display?: (p: string) => string): Promise<{ scenarioPaths: string[]; botsDir: string } | undefined> {
  // Not a run folder: refine itself says so, with what it needs.
  if (!existsSync(join(runDir, RUN_FILES.run))) return undefined;
  const plan = (await readRunMeta(runDir, display)).plan;
  return plan ? suitePathsOf(plan, projectDir) : undefined;
}
