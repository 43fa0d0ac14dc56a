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

/** What the user of a cell does: what the id, description, tags and fields are made from. */
interface CellUser {
  volunteered: string[];
  asked: string[];
  left: string[];
  corrected: { slot: string; to: SlotValue; when: string } | undefined;
  /** Confirms and authorises in one breath. */
  combined: boolean;
  /** Never authorises: the bot must not act. */
  refuses: boolean;
  tool: string;
}

/** The scenario a cell describes: the user, and what a correct bot does with that user. */
export function scenarioForCell(cell: Cell, ctx: CellContext): GeneratedScenario {
  const { action, slots } = ctx.matrix;
  const u = cellUser(cell, ctx);
  const id = idFor(ctx.bot, u);
  const user = {
    goal: Object.fromEntries(slots.filter((s) => !u.left.includes(s)).map((s) => [s, ctx.values.get(s)![0]])),
    volunteer: u.volunteered,
    ...(u.corrected ? { corrections: [u.corrected] } : {}),
    ...(action.consequential ? { confirmation: cell.confirmation ?? 'affirm', goAhead: cell.goAhead ?? 'when-asked' } : {}),
  };
  const expect = {
    ...(u.refuses ? { action: null } : action.consequential ? {} : { action: { name: action.name }, confirmation: 'not-required' }),
    ...(u.combined ? { goAhead: 'with-confirmation' } : {}),
    // Opening, one answer per slot asked, confirmation and go-ahead, a round per change of mind or failed call, and room to spare.
    maxTurns: 1 + u.asked.length + 2 + (u.corrected ? 2 : 0) + (u.tool === 'success' ? 0 : 2) + 3,
  };
  const data = {
    id,
    bot: ctx.bot,
    description: describe(u, action.name),
    today: ctx.today,
    tags: tagsFor(u),
    user,
    expect,
    ...(u.tool === 'success' ? {} : { toolMocks: { [action.name]: [toolMock(u.tool, action.name, ctx.successResult)] } }),
  };
  return { id, cell, data };
}

function cellUser(cell: Cell, ctx: CellContext): CellUser {
  const given = (level: string) => ctx.matrix.slots.filter((s) => (cell[`give:${s}`] ?? 'volunteered') === level);
  return {
    volunteered: given('volunteered'),
    asked: given('asked'),
    left: given('left-out'),
    corrected: cell.correct && cell.correct !== 'none' ? { slot: cell.correct, to: ctx.values.get(cell.correct)![1], when: cell.correctWhen ?? 'at-confirmation' } : undefined,
    combined: cell.confirmation === 'affirm-and-go-ahead',
    refuses: cell.goAhead === 'never',
    tool: cell.tool ?? 'success',
  };
}

function idFor(bot: string, u: CellUser): string {
  const parts = [bot, u.volunteered.length > 0 ? `vol-${u.volunteered.join('-')}` : 'vol-none'];
  if (u.left.length > 0) parts.push(`out-${u.left.join('-')}`);
  if (u.corrected) parts.push(`fix-${u.corrected.slot}-${u.corrected.when}`);
  if (u.combined) parts.push('yes-and-go');
  if (u.refuses) parts.push('no-go-ahead');
  if (u.tool !== 'success') parts.push(u.tool === 'failure' ? 'tool-fails' : 'tool-retry');
  return parts.join('-');
}

function tagsFor(u: CellUser): string[] {
  return ['generated', ...(u.corrected ? ['correction'] : []), ...(u.refuses ? ['no-action'] : []), ...(u.combined ? ['combined-go-ahead'] : []), ...(u.left.length > 0 ? ['left-out'] : []), ...(u.tool === 'success' ? [] : [`tool-${u.tool}`])];
}

function describe(u: CellUser, action: string): string {
  const list = (slots: string[]) => slots.map(humanize).join(', ');
  const parts = [
    u.volunteered.length > 0 ? `Gives ${list(u.volunteered)} up front` : 'Gives nothing up front',
    ...(u.asked.length > 0 ? [`${list(u.asked)} when asked`] : []),
    ...(u.left.length > 0 ? [`never gives ${list(u.left)}`] : []),
    ...(u.corrected ? [`changes the ${humanize(u.corrected.slot)} ${u.corrected.when === 'next-turn' ? 'on the next turn' : 'at the confirmation'}`] : []),
    u.refuses ? 'checks the details but does not authorise: the bot must not act' : u.combined ? 'confirms and authorises in one breath' : 'confirms, then authorises when asked',
    ...(u.tool === 'failure' ? [`every ${action} call fails; the user lets the bot try once more`] : u.tool === 'retry' ? [`the first ${action} call fails and a retry succeeds`] : []),
  ];
  return `${parts.join('; ')}.`;
}

/** A failing call, every time or once before a retry succeeds, as a tool mock of the scenario. */
function toolMock(tool: string, action: string, success: unknown): Record<string, unknown> {
  const error = `${action} failed: the service is unavailable right now and nothing was done`;
  return tool === 'failure' ? { error } : { sequence: [{ error }, { returns: success }] };
}
