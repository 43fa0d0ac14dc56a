// slotcheck scenarios as tests of your own vitest run: one test per scenario × trial.
// Copy this file into your project (beside bots/ and scenarios/) and run `npx vitest run`.
// The endpoint comes from OPENAI_BASE_URL / OPENAI_API_KEY, as for `slotcheck run`.
import { describeScenarios } from 'slotcheck/vitest';

describeScenarios('scenarios', {
  model: process.env.SLOTCHECK_MODEL ?? 'gpt-4o-mini', // default: each bot.yaml's model
  trials: 1, // tests per scenario
  concurrency: 4, // model calls in flight, shared by all these tests
  // detectors: ['re-ask', 'premature-action'], tags: ['smoke'], only: ['dinner-for-four'], botsDir: 'bots',
});
