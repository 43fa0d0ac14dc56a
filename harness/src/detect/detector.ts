import type { AnnotatedConversation } from '../annotate/annotate.js';
import type { Expectations } from '../scenario/schema.js';
import type { FailureClass, Finding } from './failure.js';

/** What a detector reads: the annotated conversation and, in simulation, the scenario's expectations. */
export interface DetectInput extends AnnotatedConversation {
  expect?: Expectations;
  /** The values the scenario expects the action to receive, when known. */
  expectedArgs?: Record<string, string | number | boolean>;
  /** Whether the conversation was cut off by its turn budget. */
  endedByBudget?: boolean;
}

/** One failure class: a pure function from an annotated conversation to findings. */
export interface Detector {
  readonly id: FailureClass;
  /** One line: what the class means. */
  readonly title: string;
  /** The precise rule, as a reviewer (or a fix-proposing model) needs it: what counts and what does not. */
  readonly definition: string;
  detect(input: DetectInput): Finding[];
}
