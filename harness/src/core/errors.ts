/**
 * One small error hierarchy with stable codes. `exitCode` is what the CLI
 * exits with when the error reaches it: 2 for bad input or usage, 3 for
 * infrastructure that could not be reached at all.
 */
export type ErrorCode =
  | 'USAGE'
  | 'INPUT_NOT_FOUND'
  | 'SCENARIO_INVALID'
  | 'BOT_INVALID'
  | 'TRANSCRIPT_INVALID'
  | 'LABELS_INVALID'
  | 'GUIDE_INVALID'
  | 'TEMPLATE_INVALID'
  | 'UNKNOWN_BOT'
  | 'UNKNOWN_ID'
  | 'DUPLICATE_ID'
  | 'PATH_OUTSIDE_PROJECT'
  | 'MODEL_NOT_CONFIGURED'
  | 'MODEL_TIMEOUT'
  | 'MODEL_RATE_LIMITED'
  | 'MODEL_SERVER'
  | 'MODEL_CONNECTION'
  | 'MODEL_AUTH'
  | 'MODEL_REQUEST'
  | 'MODEL_OUTPUT_INVALID'
  | 'MODEL_REFUSED'
  | 'CONVERSATION_TIMEOUT'
  | 'ABORTED'
  | 'RUN_INVALID'
  | 'RUN_LOCKED'
  | 'WRITE_FAILED'
  | 'REPLAY_MISS'
  | 'SIMULATOR_FAILED'
  | 'PRICES_INVALID'
  | 'TOKEN_BUDGET'
  | 'BOT_UNREACHABLE'
  | 'BOT_TIMEOUT'
  | 'BOT_HTTP_STATUS'
  | 'BOT_REPLY_INVALID'
  | 'BOT_MODULE_FAILED';

/** Who is to blame when a conversation could not be judged. */
export type Blame = 'bot' | 'simulator' | 'infrastructure';

/** Where in an input file a problem was found (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

const INPUT_CODES: ReadonlySet<ErrorCode> = new Set([
  'USAGE',
  'INPUT_NOT_FOUND',
  'SCENARIO_INVALID',
  'BOT_INVALID',
  'TRANSCRIPT_INVALID',
  'LABELS_INVALID',
  'GUIDE_INVALID',
  'TEMPLATE_INVALID',
  'UNKNOWN_BOT',
  'UNKNOWN_ID',
  'DUPLICATE_ID',
  'PATH_OUTSIDE_PROJECT',
  'MODEL_NOT_CONFIGURED',
  'RUN_INVALID',
  'PRICES_INVALID',
  'RUN_LOCKED',
]);

export class SlotcheckError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlotcheckError';
    this.code = code;
    this.location = options.location;
  }

  /** Exit code for the CLI: input problems are 2, the rest 3. */
  get exitCode(): number {
    return INPUT_CODES.has(this.code) ? 2 : 3;
  }
}

/** Formats a location the way editors and terminals make clickable: file:line:col. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** A list of input problems reported together, so a user fixes them in one pass. */
export class InputErrors extends SlotcheckError {
  readonly problems: readonly SlotcheckError[];

  constructor(problems: readonly SlotcheckError[]) {
    const first = problems[0];
    super(first?.code ?? 'USAGE', problems.map((p) => p.message).join('\n'), first?.location ? { location: first.location } : {});
    this.name = 'InputErrors';
    this.problems = problems;
  }
}

export function isSlotcheckError(error: unknown): error is SlotcheckError {
  return error instanceof SlotcheckError;
}
