import type { Principle, TransferProvenance, TransferStatus, TransferSummary } from './schema.js';

const PHRASES: Record<TransferStatus, string> = {
  transferred: 'transferred to',
  'no-effect': 'no effect on',
  'not-applicable': 'not applicable to',
  harmful: 'harmful on',
};

/** The newest transfer check per bot (by date; the later entry wins a tie). */
export function latestTransfers(principle: Pick<Principle, 'provenance'>): TransferProvenance[] {
  const byBot = new Map<string, TransferProvenance>();
  for (const entry of principle.provenance) {
    if (entry.kind !== 'transfer' || !entry.bot) continue;
    const known = byBot.get(entry.bot);
    if (!known || entry.date >= known.date) byBot.set(entry.bot, entry);
  }
  return [...byBot.values()];
}

/** Bots a fix was verified on, in the order they were. */
export function verifiedOn(principle: Pick<Principle, 'provenance'>): string[] {
  return [...new Set(principle.provenance.flatMap((e) => (e.kind === 'verified-fix' && e.bot ? [e.bot] : [])))];
}

/**
 * "verified on restaurant; transferred to clinic, bank-transfer; harmful on shop": where the
 * principle was verified and the newest transfer result on each other bot. Undefined when there
 * is neither.
 */
export function summariseTransfer(principle: Pick<Principle, 'provenance'>): TransferSummary | undefined {
  const verified = verifiedOn(principle);
  const latest = latestTransfers(principle);
  if (verified.length === 0 && latest.length === 0) return undefined;
  const bots = (status: TransferStatus) => latest.filter((e) => e.status === status).map((e) => e.bot!);
  const parts = [
    verified.length > 0 ? `verified on ${verified.join(', ')}` : 'not verified by a fix',
    ...(Object.keys(PHRASES) as TransferStatus[]).flatMap((status) => (bots(status).length > 0 ? [`${PHRASES[status]} ${bots(status).join(', ')}`] : [])),
  ];
  return {
    verifiedOn: verified,
    transferred: bots('transferred'),
    noEffect: bots('no-effect'),
    notApplicable: bots('not-applicable'),
    harmful: bots('harmful'),
    summary: parts.join('; '),
  };
}
