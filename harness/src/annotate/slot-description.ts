import { recall } from './memo.js';

/**
 * What a slot's description says, in parts: the words that say what the slot
 * is, the words that only say what it is used for ("The ID of the patient *to
 * book the appointment*"), and the example values it quotes ("such as
 * 'K7QX2P'"). Only the first part may make a question or a value point at
 * the slot; usage words are a tie-breaker at most, examples only a shape.
 */
export interface SlotDescription {
  /** The description without its examples and usage clauses. */
  core: string;
  /** Purpose clauses: "to book the appointment", "for the deposit difference". */
  usage: string;
  /** Quoted example values ("such as 'lin_ma_204'"). */
  examples: string[];
}

// "such as 'X'", "e.g. 'X' or 'Y'", "for example X": an example list runs to the end of its sentence.
const EXAMPLES = /,?\s*\b(?:such as|either|e\.g\.?|for example|for instance|like)\s+(?:'[^']*'|"[^"]*"|`[^`]*`|[^.;]*?)(?:\s*(?:,|or|and)\s*(?:'[^']*'|"[^"]*"))*[`'".]*(?=[.;]|$)/gi;
const QUOTED = /'([^']+)'|"([^"]+)"/g;
// A purpose clause after the noun it qualifies: "… of the patient to book the appointment", "… card id to pay the deposit".
const PURPOSE = /(?<!\b(?:want|wants|need|needs|like|wish|wishes|plan|plans|going|is|are|be|belongs|belong|scheduled))\s+(?:in order )?to\s+(?!(?:the|a|an|which|whom)\b)[a-z]+\b[^.,;]*/gi;

export function describeSlot(description: string): SlotDescription {
  return recall(DESCRIBED, 256, description, readDescription);
}

// Descriptions by their text: every conversation carries its own copy of its task (a memo of a pure function; callers do not modify the result).
const DESCRIBED = new Map<string, SlotDescription>();

function readDescription(description: string): SlotDescription {
  const examples: string[] = [];
  let core = description.replace(EXAMPLES, (match) => {
    for (const m of match.matchAll(QUOTED)) examples.push((m[1] ?? m[2])!);
    return '';
  });
  // "Be careful …": advice to the caller, not what the slot is.
  core = core.replace(/\b(?:be careful|note that|there could be)\b[^.]*\.?/gi, '');
  const usage: string[] = [];
  core = core.replace(PURPOSE, (match) => {
    usage.push(match.trim());
    return '';
  });
  return { core: core.replace(/\s+/g, ' ').trim(), usage: usage.join(' '), examples };
}
