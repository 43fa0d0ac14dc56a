import type { FailureClass } from '../detect/failure.js';

/** Typed events a run emits; reporters and the progress display listen. */
export type RunEvent =
  /** `alreadyDone`: conversations a resumed run holds from before. */
  | { type: 'run-start'; runId: string; outDir: string; total: number; alreadyDone?: number }
  | { type: 'conversation-start'; conversationId: string; scenarioId?: string; trial?: number }
  | {
      type: 'conversation-end';
      conversationId: string;
      scenarioId?: string;
      trial?: number;
      outcome: 'pass' | 'fail' | 'error';
      failureClasses: FailureClass[];
      error?: string;
    }
  | { type: 'run-end'; runId: string; outDir: string; passed: number; failed: number; errors: number };

export type EventListener = (event: RunEvent) => void;
