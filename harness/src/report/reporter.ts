import type { Failure, FailureClass } from '../detect/failure.js';
import type { ConversationError, ConversationRecord } from '../transcript/record.js';
import type { ReportExtras } from './extras.js';
import type { RunSummary } from './summary.js';

/** Failures and errors kept as examples while the run folder is summarised. */
export interface ReportExamples {
  classes: Array<{ class: FailureClass; title: string; total: number; failures: Failure[]; more: number }>;
  errors: Array<{ conversationId: string } & ConversationError>;
  moreErrors: number;
}

/** What a reporter gets: the summary, examples, streams over the run folder's files, and (when kept) history, guide links and the baseline comparison. */
export interface ReportContext extends ReportExtras {
  outDir: string;
  summary: RunSummary;
  examples: ReportExamples;
  /** Streams transcripts.jsonl (never all in memory at once). */
  transcripts(): AsyncIterable<ConversationRecord>;
  /** Streams failures.jsonl. */
  failures(): AsyncIterable<Failure>;
}

/** Writes one output file of a run folder from its summary and files. */
export interface Reporter {
  readonly id: string;
  /** File the reporter writes, relative to the run folder. */
  readonly file: string;
  write(context: ReportContext): Promise<void>;
}
