import { humanize } from '../bot/task.js';
import type { BotCoverage, Coverage, CoverageCell } from './schema.js';

/** A row of a coverage table: a label and its cells' text. */
export interface CoverageRow {
  label: string;
  cells: string[];
  /** No scenario sets it up (a blind spot). */
  missing: boolean;
}

/** One bot's coverage, laid out for Markdown and HTML (the templates only place it). */
export interface BotCoverageView {
  bot: string;
  heading: string;
  slotHeader: string[];
  slots: CoverageRow[];
  situations: CoverageRow[];
  classes: Array<{ class: string; can: string; examples: string[]; found: string; reason: string; missing: boolean }>;
  blindSpots: string[];
  /** Whether a run's counts are shown beside the suite's. */
  run: boolean;
  /** How to read the cells. */
  intro: string;
}

const SLOT_COLUMNS = [
  ['volunteered', 'volunteered up front'],
  ['asked', 'given when asked'],
  ['correctedAtConfirmation', 'changed at the confirmation'],
  ['correctedNextTurn', 'changed on the next turn'],
  ['leftOut', 'left out'],
] as const;

const POLICY_LABELS: Record<string, string> = {
  'affirm/when-asked': 'confirms, then authorises when asked',
  'affirm-and-go-ahead/when-asked': 'confirms and authorises in one breath',
  'affirm/never': 'confirms but never authorises',
  'affirm-and-go-ahead/never': 'authorises while confirming, then refuses (contradictory)',
};

export function coverageView(coverage: Coverage): BotCoverageView[] {
  return coverage.bots.map(botView);
}

function botView(bot: BotCoverage): BotCoverageView {
  const run = bot.conversations !== undefined;
  const text = (cell: CoverageCell) => cellText(cell, run);
  const row = (label: string, cell: CoverageCell): CoverageRow => ({ label, cells: [text(cell)], missing: uncovered(cell) });
  const situations = [
    // The contradictory policy is left out of the table unless a scenario uses it.
    ...bot.policies.filter((p) => !(p.confirmation === 'affirm-and-go-ahead' && p.goAhead === 'never' && !p.cell.scenarios)).map((p) => row(`policy: ${POLICY_LABELS[`${p.confirmation}/${p.goAhead}`]}`, p.cell)),
    row('ends with the action', bot.endings.action),
    row('ends with no action (`action: null`)', bot.endings.noAction),
    row('ends with a refused go-ahead', bot.endings.refused),
    row('tool call succeeds', bot.tools.success),
    row('tool call fails (every attempt)', bot.tools.failure),
    row('tool call fails, then a retry succeeds', bot.tools.retry),
  ];
  // How values were given is known only from the simulator's acts; recorded conversations have none.
  const slots = bot.scenarios === undefined && !bot.withUserActs ? [] : bot.slots.map((s) => ({ label: humanize(s.slot), cells: SLOT_COLUMNS.map(([key]) => text(s[key])), missing: SLOT_COLUMNS.some(([key]) => uncovered(s[key])) }));
  const classes = bot.classes.map((c) => ({
    class: c.class,
    can: c.reachable === undefined ? '–' : c.reachable ? 'yes' : 'no',
    examples: c.examples,
    found: c.found === undefined ? '' : String(c.found),
    reason: c.reason ?? '',
    missing: c.reachable === false,
  }));
  return {
    bot: bot.bot,
    heading: headingOf(bot),
    slotHeader: SLOT_COLUMNS.map(([, label]) => label),
    slots,
    situations,
    classes,
    blindSpots: blindSpots(bot),
    run,
    intro: introOf(bot, run),
  };
}

function headingOf(bot: BotCoverage): string {
  const parts = [`task ${bot.task}`, bot.action ? `action ${bot.action}` : 'no action'];
  if (bot.scenarios !== undefined) parts.push(`${bot.scenarios} scenario${bot.scenarios === 1 ? '' : 's'}`);
  if (bot.conversations !== undefined) parts.push(`${bot.conversations} judged conversation${bot.conversations === 1 ? '' : 's'}${bot.withUserActs !== undefined && bot.withUserActs < bot.conversations ? ` (${bot.withUserActs} with the simulator's acts)` : ''}`);
  return parts.join(' · ');
}

/** "✓ 3" (scenarios that set it up) or "✗", then "· seen 5" (conversations where it happened) after a run. */
function cellText(cell: CoverageCell, run: boolean): string {
  if (cell.applies === false && !cell.scenarios && !cell.occurred) return 'n/a';
  const planned = cell.scenarios === undefined ? '' : cell.scenarios > 0 ? `✓ ${cell.scenarios}` : cell.applies === false ? 'n/a' : '✗';
  if (!run) return planned;
  const seen = `seen ${cell.occurred ?? 0}`;
  return planned ? `${planned} · ${seen}` : seen;
}

/** What no scenario sets up, in a sentence each: what to add to the suite. */
function blindSpots(bot: BotCoverage): string[] {
  if (bot.scenarios === undefined) return [];
  const spots = bot.classes.filter((c) => c.reachable === false).map((c) => `${c.class} cannot be triggered: ${c.reason}.`);
  for (const s of bot.slots) {
    const never = SLOT_COLUMNS.filter(([key]) => uncovered(s[key])).map(([, label]) => label);
    if (never.length > 0) spots.push(`${humanize(s.slot)}: never ${never.join(', ')}.`);
  }
  return spots;
}

/** A situation that can arise and no scenario sets up. */
function uncovered(cell: CoverageCell): boolean {
  return cell.scenarios === 0 && cell.applies !== false;
}

function introOf(bot: BotCoverage, run: boolean): string {
  if (bot.scenarios === undefined) return 'Recorded conversations: each cell counts the judged conversations where it happened (how values were given, only where the simulator\'s acts were kept).';
  return run
    ? 'Each cell: the scenarios that set it up (✓ n, or ✗ for none), then the judged conversations where it happened.'
    : 'Each cell: the scenarios that set it up (✓ n), or ✗ when none does.';
}
