import type { Act } from '../annotate/acts.js';
import { tagUser, type TaskModel } from '../annotate/offline-tagger.js';
import type { Scenario, ScriptTurn } from '../scenario/schema.js';
import type { SimulatorView, UserSimulator, UserTurn } from './simulator.js';

/**
 * Plays the scenario's script turn by turn, whatever the bot says. A turn
 * written as an object carries its own acts; a plain string is tagged.
 */
export function createScriptedUser(scenario: Scenario, model: TaskModel): UserSimulator {
  const script = scenario.user.script ?? [];
  let next = 0;
  // The bot's acts are read only for plain-string turns: the view tags them on demand.
  const play = (turn: ScriptTurn, view: Pick<SimulatorView, 'botActs'>): UserTurn => {
    if (typeof turn === 'string') return { content: turn, acts: tagUser(turn, model, view.botActs) };
    const acts: Act[] = [];
    if (turn.negates) acts.push({ act: 'NEGATE' });
    if (turn.affirms) acts.push({ act: 'AFFIRM' });
    if (turn.goAhead) acts.push({ act: 'GO_AHEAD' });
    for (const [slot, value] of Object.entries(turn.gives)) acts.push({ act: 'INFORM', slot, value });
    return { content: turn.say, acts };
  };
  return {
    kind: 'scripted',
    async open() {
      next = 1;
      return play(script[0]!, { botActs: [] });
    },
    async respond(view: SimulatorView) {
      const turn = script[next];
      if (turn === undefined || view.actionDone) return null;
      next += 1;
      return play(turn, view);
    },
  };
}
