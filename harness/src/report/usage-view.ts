import type { TokenCount, UsageRole } from '../model/usage.js';
import type { RunSummary } from './summary.js';

const ROLES: ReadonlyArray<readonly [UsageRole, string]> = [['bot', 'bot'], ['user', 'simulated user'], ['tagger', 'tagger'], ['meta', 'meta-prompts']];

/** One role's line of the cost table, as every report shows it. */
export interface UsageRow {
  role: UsageRole;
  label: string;
  calls: number;
  promptTokens: string;
  completionTokens: string;
  /** Money, when a price table priced this role's models (null otherwise: templates are strict). */
  cost: string | null;
  /** What the numbers leave out: cached answers, calls that reported no usage. */
  note: string;
}

/** The cost table of a run: a row per role that made calls, and the total. */
export interface UsageView {
  rows: UsageRow[];
  total: { promptTokens: string; completionTokens: string; cost: string | null };
  /** Whether money is shown (a price table was given). */
  priced: boolean;
  /** HTTP and module bots of the run: their own model calls never reach slotcheck, so their tokens are not counted. */
  uncounted: Array<{ name: string; kind: string }>;
  unpriced: string[];
}

export function usageView(summary: Pick<RunSummary, 'usage' | 'bots'>): UsageView | undefined {
  const uncounted = (summary.bots ?? []).filter((b) => b.kind && b.kind !== 'prompt').map((b) => ({ name: b.name, kind: b.kind! }));
  if (!summary.usage && uncounted.length === 0) return undefined;
  const usage = summary.usage ?? { byRole: {}, byRoleAndModel: {} };
  const cost = usage.cost;
  const money = (n: number | undefined) => (n === undefined || !cost ? null : formatMoney(n, cost.currency));
  const rows = ROLES.flatMap(([role, label]) => {
    const count = usage.byRole[role];
    if (!count) return [];
    const priced = money(cost?.byRole[role]);
    return [{ role, label, calls: count.calls, promptTokens: formatInt(count.promptTokens), completionTokens: formatInt(count.completionTokens), cost: cost ? (priced ?? formatMoney(0, cost.currency)) : null, note: noteOf(count) }];
  });
  const sum = (key: 'promptTokens' | 'completionTokens') => Object.values(usage.byRole).reduce((n, c) => n + (c?.[key] ?? 0), 0);
  const totalCost = money(cost?.total);
  return {
    rows,
    total: { promptTokens: formatInt(sum('promptTokens')), completionTokens: formatInt(sum('completionTokens')), cost: totalCost },
    priced: cost !== undefined,
    uncounted,
    unpriced: cost?.unpriced ?? [],
  };
}

/** One line for the console: tokens in and out per role, and money when priced. */
export function usageLine(summary: Pick<RunSummary, 'usage' | 'bots'>): string | undefined {
  const view = usageView(summary);
  if (!view) return undefined;
  const roles = view.rows.map((r) => `${r.label} ${r.promptTokens} in / ${r.completionTokens} out${r.note ? ` (${r.note})` : ''}`);
  if (view.uncounted.length > 0) roles.push(`not counted: ${view.uncounted.map((b) => `${b.name} (${b.kind})`).join(', ')}`);
  const money = view.total.cost ? `; cost ${view.total.cost}${view.unpriced.length > 0 ? ` (no price for ${view.unpriced.join(', ')})` : ''}` : '';
  return `tokens: ${roles.join(' · ')}${money}`;
}

function noteOf(count: TokenCount): string {
  const notes: string[] = [];
  if (count.cached) notes.push(`${count.cached} answered from recordings`);
  if (count.unreported) notes.push(`${count.unreported} call${count.unreported === 1 ? '' : 's'} reported no usage`);
  return notes.join(', ');
}

function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}

function formatMoney(amount: number, currency: string): string {
  const digits = amount >= 1 ? 2 : amount >= 0.01 ? 4 : 6;
  return `${amount.toFixed(digits)} ${currency}`;
}
