import { humanize, type SlotValue } from '../bot/task.js';
import type { TaskMatrix } from './matrix.js';
import type { Cell } from './pairwise.js';

/** A scenario made from a matrix cell: its id and the file's fields, in the order a person writes them. */
export interface GeneratedScenario {
  id: string;
  /** The factors' levels, for the file's header comment. */
  cell: Cell;
  data: Record<string, unknown>;
}

export interface CellContext {
  bot: string;
  today: string;
  matrix: TaskMatrix;
  /** Per slot: the goal's value and the one a correction changes it to. */
  values: ReadonlyMap<string, readonly [SlotValue, SlotValue]>;
  /** What the action returns when a call succeeds (the bot's `toolResults`), for a retry that succeeds. */
  successResult: unknown;
}

/** The scenario a cell describes: the user, and what a correct bot does with that user. */
export function scenarioForCell(cell: Cell, ctx: CellContext): GeneratedScenario {
  const { action, slots } = ctx.matrix;
  const give = (slot: string) => cell[`give:${slot}`] ?? 'volunteered';
  const given = slots.filter((s) => give(s) !== 'left-out');
  const volunteered = slots.filter((s) => give(s) === 'volunteered');
  const corrected = cell.correct && cell.correct !== 'none' ? { slot: cell.correct, to: ctx.values.get(cell.correct)![1], when: cell.correctWhen ?? 'at-confirmation' } : undefined;
  const refuses = cell.goAhead === 'never';
  const combined = cell.confirmation === 'affirm-and-go-ahead';
  const tool = cell.tool ?? 'success';
  const id = idFor(ctx.bot, volunteered, slots.filter((s) => give(s) === 'left-out'), corrected, combined, refuses, tool);
  const user = {
    goal: Object.fromEntries(given.map((s) => [s, ctx.values.get(s)![0]])),
    volunteer: volunteered,
    ...(corrected ? { corrections: [corrected] } : {}),
    ...(action.consequential ? { confirmation: cell.confirmation ?? 'affirm', goAhead: cell.goAhead ?? 'when-asked' } : {}),
  };
  const asked = given.length - volunteered.length;
  const expect = {
    ...(refuses ? { action: null } : action.consequential ? {} : { action: { name: action.name }, confirmation: 'not-required' }),
    ...(combined ? { goAhead: 'with-confirmation' } : {}),
    // Opening, one answer per slot asked, confirmation and go-ahead, a round per change of mind or failed call, and room to spare.
    maxTurns: 1 + asked + 2 + (corrected ? 2 : 0) + (tool === 'success' ? 0 : 2) + 3,
  };
  const data = {
    id,
    bot: ctx.bot,
    description: describe(volunteered, given.filter((s) => !volunteered.includes(s)), slots.filter((s) => give(s) === 'left-out'), corrected, combined, refuses, tool, action.name),
    today: ctx.today,
    tags: tagsFor(corrected !== undefined, refuses, combined, given.length < slots.length, tool),
    user,
    expect,
    ...(tool === 'success' ? {} : { toolMocks: { [action.name]: [toolMock(tool, action.name, ctx.successResult)] } }),
  };
  return { id, cell, data };
}

function idFor(bot: string, volunteered: string[], left: string[], corrected: { slot: string; when: string } | undefined, combined: boolean, refuses: boolean, tool: string): string {
  const parts = [bot, volunteered.length > 0 ? `vol-${volunteered.join('-')}` : 'vol-none'];
  if (left.length > 0) parts.push(`out-${left.join('-')}`);
  if (corrected) parts.push(`fix-${corrected.slot}-${corrected.when}`);
  if (combined) parts.push('yes-and-go');
  if (refuses) parts.push('no-go-ahead');
  if (tool !== 'success') parts.push(tool === 'failure' ? 'tool-fails' : 'tool-retry');
  return parts.join('-');
}

function tagsFor(corrects: boolean, refuses: boolean, combined: boolean, leavesOut: boolean, tool: string): string[] {
  return ['generated', ...(corrects ? ['correction'] : []), ...(refuses ? ['no-action'] : []), ...(combined ? ['combined-go-ahead'] : []), ...(leavesOut ? ['left-out'] : []), ...(tool === 'success' ? [] : [`tool-${tool}`])];
}

function describe(volunteered: string[], asked: string[], left: string[], corrected: { slot: string; when: string } | undefined, combined: boolean, refuses: boolean, tool: string, action: string): string {
  const list = (slots: string[]) => slots.map(humanize).join(', ');
  const parts = [
    volunteered.length > 0 ? `Gives ${list(volunteered)} up front` : 'Gives nothing up front',
    ...(asked.length > 0 ? [`${list(asked)} when asked`] : []),
    ...(left.length > 0 ? [`never gives ${list(left)}`] : []),
    ...(corrected ? [`changes the ${humanize(corrected.slot)} ${corrected.when === 'next-turn' ? 'on the next turn' : 'at the confirmation'}`] : []),
    refuses ? 'checks the details but does not authorise: the bot must not act' : combined ? 'confirms and authorises in one breath' : 'confirms, then authorises when asked',
    ...(tool === 'failure' ? [`every ${action} call fails; the user lets the bot try once more`] : tool === 'retry' ? [`the first ${action} call fails and a retry succeeds`] : []),
  ];
  return `${parts.join('; ')}.`;
}

/** A failing call, every time or once before a retry succeeds, as a tool mock of the scenario. */
function toolMock(tool: string, action: string, success: unknown): Record<string, unknown> {
  const error = `${action} failed: the service is unavailable right now and nothing was done`;
  return tool === 'failure' ? { error } : { sequence: [{ error }, { returns: success }] };
}
