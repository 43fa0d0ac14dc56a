import * as chrono from 'chrono-node/en';

/** A date or a time found in a text, canonically written (YYYY-MM-DD, HH:MM). */
export interface DateTimeMention {
  kind: 'date' | 'time';
  value: string;
  index: number;
  end: number;
  /** For the two ends of a range: which end. */
  side?: 'from' | 'to';
}

// Only texts with one of these go through chrono: most messages have no date or time, and parsing is the costly part.
// A digit alone ("4 people", "$26") says nothing of a date: only clock times, ordinals, ISO or slashed dates, or a digit after "at"/"by"… do.
const MAYBE_DATE_OR_TIME =
  /\d:\d|\d\s*([ap]\.?m\b|o'?clock)|\d(st|nd|rd|th)\b|\d{4}-\d|\d\/\d|\b(at|by|around|before|after|from|until|till|about|evening|morning|afternoon|night)\s+\d|\d\s+(in the|at) (morning|afternoon|evening|night)|\b(today|tonight|tomorrow|yesterday|(mon|tues?|wednes|thurs?|fri|satur|sun)(day)?s?|weekend|january|february|march|april|(in|of) may|may \d|june|july|august|september|october|november|december|(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|noon|midnight|o'?clock|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(\s+(fifteen|thirty|forty))?\s*(am|pm|a\.m|p\.m|o'?clock|in the)|quarter (past|to|after|before)|half past|(first|second|third|fourth|fifth|tenth)( of)?)\b/i;
const NUMBER_WORD: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const MINUTE_WORD: Record<string, number> = { fifteen: 15, thirty: 30, 'forty five': 45, 'forty-five': 45, fortyfive: 45 };
// "for 5 days" is a length, not a date chrono should place five days ahead.
const DURATION = /^(for\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|night|week|month|year)s?$/i;

/**
 * chrono's steps that read lengths of time as dates ("within 3 days", "for
 * 15 minutes", "3 days later") or look for time zones: in a conversation
 * about a booking they are wrong more often than right, and they are more
 * than half of chrono's time; a month alone ("in March") names no day. Dropped by class name; should a chrono release
 * rename them, they simply stay (slower, as before).
 */
const UNWANTED = new Set([
  'ENTimeUnitWithinFormatParser', 'ENTimeUnitAgoFormatParser', 'ENTimeUnitLaterFormatParser', 'ENTimeUnitCasualRelativeFormatParser',
  'ENEndOfCurrentMonthParser', 'ENSlashMonthFormatParser', 'ENYearMonthNameParser', 'ENMonthNameParser', 'ExtractTimezoneOffsetRefiner', 'ExtractTimezoneAbbrRefiner',
]);

/** chrono's English parser, taught "the 2nd" / "4th of this month", "four pm", and "6 in the evening". */
export function createDateTimeParser(): chrono.Chrono {
  const parser = chrono.casual.clone();
  parser.parsers = parser.parsers.filter((p) => !UNWANTED.has(p.constructor.name));
  parser.refiners = parser.refiners.filter((r) => !UNWANTED.has(r.constructor.name));
  parser.parsers.push({
    pattern: () => /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\s+(?:this|the|next)\s+month)?/i,
    extract: (context, match) => {
      const day = Number(match[1]);
      if (day < 1 || day > 31) return null;
      const ref = context.reference.instant;
      const month = day < ref.getDate() ? ref.getMonth() + 2 : ref.getMonth() + 1;
      return { day, month: ((month - 1) % 12) + 1, year: ref.getFullYear() + (month > 12 ? 1 : 0) };
    },
  });
  parser.parsers.push({
    pattern: () => /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[\s-]+(fifteen|thirty|forty[\s-]?five))?\s*(?:(a\.?m\.?|p\.?m\.?)|o'?clock|(?=\s+in the (morning|afternoon|evening)|\s+at night))/i,
    extract: (_context, match) => {
      const hour = NUMBER_WORD[match[1]!.toLowerCase()]!;
      const minute = match[2] ? (MINUTE_WORD[match[2].toLowerCase().replace(/\s+/, ' ')] ?? 0) : 0;
      const pm = /^p/i.test(match[3] ?? '') || /afternoon|evening/i.test(match[4] ?? '');
      return { hour: pm && hour < 12 ? hour + 12 : hour, minute, meridiem: pm ? 1 : 0 };
    },
  });
  parser.parsers.push({
    // "8 in the night", "evening 6", "afternoon 1": hours with a part of the day, before or after.
    pattern: () => /\b(?:(\d{1,2})(?::(\d{2}))?\s+(?:in the|at)\s+(morning|afternoon|evening|night)|(?:this\s+)?(morning|afternoon|evening|night)\s+(\d{1,2})(?::(\d{2}))?(?!\s*(?:am|pm|a\.m|p\.m|:|\d)))\b/i,
    extract: (_context, match) => {
      const hour = Number(match[1] ?? match[5]);
      const minute = Number(match[2] ?? match[6] ?? 0);
      const part = (match[3] ?? match[4])!.toLowerCase();
      if (hour > 12 || minute > 59) return null;
      const pm = part !== 'morning' && hour < 12 && !(part === 'night' && hour < 5);
      return { hour: pm ? hour + 12 : hour, minute, meridiem: pm ? 1 : 0 };
    },
  });
  parser.parsers.push({
    // "quarter past 12", "half past 3", "quarter to 5 in the evening".
    pattern: () => /\b(quarter|half)\s+(past|after|to|before)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s*(a\.?m\.?|p\.?m\.?|in the (?:afternoon|evening|morning)|at night))?/i,
    extract: (_context, match) => {
      const base = /^\d+$/.test(match[3]!) ? Number(match[3]) : NUMBER_WORD[match[3]!.toLowerCase()]!;
      const delta = match[1]!.toLowerCase() === 'half' ? 30 : 15;
      const before = /^(to|before)$/i.test(match[2]!);
      let hour = before ? base - 1 : base;
      const minute = before ? 60 - delta : delta;
      const pm = /^p|afternoon|evening|night/i.test(match[4] ?? '');
      if (pm && hour < 12) hour += 12;
      return { hour: (hour + 24) % 24, minute, ...(match[4] ? { meridiem: pm ? 1 : 0 } : {}) };
    },
  });
  parser.refiners.push({
    refine: (context, results) => {
      for (const result of results) {
        const after = context.text.slice(result.index + result.text.length, result.index + result.text.length + 22);
        const hour = result.start.get('hour') ?? 0;
        if (result.start.isCertain('hour') && !result.start.isCertain('meridiem') && hour < 12 && /^\s*(in the (afternoon|evening)|at night|tonight)/i.test(after)) {
          result.start.assign('hour', hour + 12);
          result.start.assign('meridiem', 1);
        }
      }
      return results.filter((r) => !DURATION.test(r.text.trim()));
    },
  });
  return parser;
}

/** Dates and times in a text; a range ("from March 9th to 11th") gives both ends. */
export function findDateTimes(parser: chrono.Chrono, text: string, reference: Date): DateTimeMention[] {
  if (!MAYBE_DATE_OR_TIME.test(text)) return [];
  const found: DateTimeMention[] = [];
  for (const result of parser.parse(text, reference, { forwardDate: true })) {
    const end = result.index + result.text.length;
    const parts = result.end ? [result.start, result.end] : [result.start];
    parts.forEach((part, i) => {
      const index = i === 0 ? result.index : Math.max(result.index, end - 1);
      const side = parts.length > 1 ? { side: i === 0 ? ('from' as const) : ('to' as const) } : {};
      if (part.isCertain('day') || part.isCertain('weekday')) found.push({ kind: 'date', value: isoDate(part.date()), index, end, ...side });
      if (part.isCertain('hour')) found.push({ kind: 'time', value: `${pad(part.get('hour') ?? 0)}:${pad(part.get('minute') ?? 0)}`, index, end, ...side });
    });
  }
  return found;
}

export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
