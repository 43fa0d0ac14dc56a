import type { Env } from '../bot/env-vars.js';
import type { FailureClass } from '../detect/failure.js';
import type { ChatModel } from '../model/chat-model.js';
import type { RunEvidence } from './evidence.js';
import type { Guide } from '../guide/schema.js';
import { saveGuide } from '../guide/store.js';
import type { MetaPrompts } from './meta-prompts.js';
import { writeRefineReport } from './refine-report.js';
import type { ClassResult, RefineReport } from './report-schema.js';

/** What `refine` is asked to do. */
export interface RefineOptions {
  /** The run folder whose failures to refine. */
  runDir: string;
  /** Scenario files or folders of the run (verification re-runs them). */
  scenarioPaths: string[];
  botsDir: string;
  guidesDir: string;
  /** guides/<name>.json and .md (default `slot-filling`). */
  guideName?: string;
  /** Refine output folder (default: <run>/refine-<id>). */
  outDir?: string;
  /** Trials per failing scenario when verifying a patch. */
  trials: number;
  /** Trials per other scenario when checking for regressions. */
  suiteTrials: number;
  /** Patches to try per failure class. */
  attempts: number;
  concurrency: number;
  conversationTimeoutMs: number;
  /** Only these classes (all found when absent). */
  classes?: FailureClass[];
  /** The bot's model in verification runs (default: the one the run used). */
  modelName?: string;
  /** The model that answers the meta-prompts (default: the bot's model). */
  metaModelName?: string;
  /** Overwrite prompt.md with the refined prompt instead of writing prompt.refined.md beside it. */
  write?: boolean;
  /** Where bot files' `${VAR}`s are read from (the CLI passes the process environment). */
  env?: Env;
  /** Bots to check each new principle on (their scenarios must be in `scenarioPaths`). */
  transfer?: string[];
}

/** I/O refine needs, injected. */
export interface RefineDeps {
  clock: () => Date;
  /** The model endpoint; absent means offline: seeds only. */
  model?: ChatModel;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  display?: (path: string) => string;
  signal?: AbortSignal;
  /** Redacted from anything refine records. */
  secrets?: readonly string[];
}

/** The state of one refine, passed to each step; saved after every class so an interruption keeps what was done. */
export interface RefineSession {
  options: RefineOptions & { guideName: string };
  deps: RefineDeps;
  display: (path: string) => string;
  log: (line: string) => void;
  secrets: readonly string[];
  evidence: RunEvidence;
  prompts: MetaPrompts;
  guide: Guide;
  report: RefineReport;
  outDir: string;
}

/** Records what became of a class: the report entry, the guide as it now is, both written at once. */
export async function recordClass(session: RefineSession, result: ClassResult, guide: Guide = session.guide): Promise<void> {
  // Merges return the very same guide when they change nothing: then there is nothing to write.
  const changed = guide !== session.guide;
  session.guide = guide;
  session.report.classes.push(result);
  if (changed) await saveGuide(session.options.guidesDir, guide);
  await writeRefineReport(session.outDir, session.report);
  session.log(`${result.bot ? `${result.bot}: ` : ''}${result.failureClass}: ${result.status}${result.principleId ? ` → ${result.principleId}` : ''}`);
}
