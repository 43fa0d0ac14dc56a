import type { Action } from '../bot/task.js';
import type { ToolMock } from '../bot/tool-mock-schema.js';
import type { Scenario } from '../scenario/schema.js';

/** The situations one scenario sets up for its bot's main action. */
export interface ScenarioSituations {
  volunteered: Set<string>;
  asked: Set<string>;
  correctedAtConfirmation: Set<string>;
  correctedNextTurn: Set<string>;
  /** Slots of the action the user never gives. */
  leftOut: Set<string>;
  confirmation: 'affirm' | 'affirm-and-go-ahead';
  goAhead: 'when-asked' | 'never';
  ending: 'action' | 'no-action' | 'refused';
  tool: 'success' | 'failure' | 'retry';
  /** Whether the user changes any value. */
  corrects: boolean;
}

// pipeline/coverage.ts reads it from here.
export { mainAction } from '../scenario/main-action.js';

/** What a scenario's user does, read from its rules (rule-based and LLM users) or its script. */
export function situationsOf(scenario: Scenario, action: Action | undefined): ScenarioSituations {
  const base = scenario.user.script ? fromScript(scenario) : fromRules(scenario);
  const slots = action ? [...action.required, ...action.optional] : [];
  const given = new Set([...base.volunteered, ...base.asked]);
  const expected = scenario.expect.action;
  const ending = base.goAhead === 'never' && base.confirmation === 'affirm' ? 'refused' : expected ? 'action' : 'no-action';
  return {
    ...base,
    leftOut: new Set(slots.filter((s) => !given.has(s) && !(s in (expected?.args ?? {})))),
    ending,
    tool: toolCase(expected ? scenario.toolMocks[expected.name] : undefined),
    corrects: base.correctedAtConfirmation.size + base.correctedNextTurn.size > 0,
  };
}

type Base = Pick<ScenarioSituations, 'volunteered' | 'asked' | 'correctedAtConfirmation' | 'correctedNextTurn' | 'confirmation' | 'goAhead'>;

function fromRules(scenario: Scenario): Base {
  const { user } = scenario;
  const volunteered = new Set(user.volunteer);
  const corrections = (when: string) => new Set(user.corrections.filter((c) => c.when === when).map((c) => c.slot));
  return {
    volunteered,
    asked: new Set(Object.keys(user.goal).filter((s) => !volunteered.has(s))),
    correctedAtConfirmation: corrections('at-confirmation'),
    correctedNextTurn: corrections('next-turn'),
    confirmation: user.confirmation,
    goAhead: user.goAhead,
  };
}

/** A script's turns declare what they give; a value given again differently is a change of mind (with a no: at a confirmation). */
function fromScript(scenario: Scenario): Base {
  const base: Base = { volunteered: new Set(), asked: new Set(), correctedAtConfirmation: new Set(), correctedNextTurn: new Set(), confirmation: 'affirm', goAhead: 'never' };
  const told = new Map<string, unknown>();
  scenario.user.script!.forEach((turn, i) => {
    if (typeof turn === 'string') return;
    for (const [slot, value] of Object.entries(turn.gives)) {
      if (!told.has(slot)) (i === 0 ? base.volunteered : base.asked).add(slot);
      else if (told.get(slot) !== value) (turn.negates ? base.correctedAtConfirmation : base.correctedNextTurn).add(slot);
      told.set(slot, value);
    }
    if (turn.goAhead) base.goAhead = 'when-asked';
    if (turn.goAhead && turn.affirms && Object.keys(turn.gives).length === 0 && i > 0 && !scenario.user.script!.slice(0, i).some((t) => typeof t !== 'string' && t.affirms)) base.confirmation = 'affirm-and-go-ahead';
  });
  return base;
}

/**
 * How the action's calls turn out under the scenario's mocks: read from the
 * mock that answers any call (no `match`), else the first one. The first
 * call that succeeds ends the matter: what comes after it is never played.
 */
function toolCase(mocks: readonly ToolMock[] | undefined): ScenarioSituations['tool'] {
  const mock = mocks?.find((m) => !m.match) ?? mocks?.[0];
  if (!mock) return 'success';
  const fails = mock.sequence ? mock.sequence.map((step) => 'error' in step) : [mock.error !== undefined];
  if (!fails[0]) return 'success';
  return fails.includes(false) ? 'retry' : 'failure';
}
