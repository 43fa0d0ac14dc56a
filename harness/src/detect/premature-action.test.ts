import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { prematureActionDetector } from './premature-action.js';
import { AFFIRM, ASK_GO_AHEAD, GO_AHEAD, NEGATE, PROPOSE, conversation, confirm, inform } from '../testing/detector-fixtures.js';

const GIVE_ALL = ['user', 'Friday, 7pm, 4 people', [inform('date', 'Friday'), inform('time', '7pm'), inform('party_size', 4)]] as const;
const CONFIRM_ALL = ['assistant', 'Friday at 7pm for 4?', [confirm('date', 'Friday'), confirm('time', '7pm'), confirm('party_size', 4), PROPOSE]] as const;
const ARGS = { date: '2026-11-27', time: '19:00', party_size: 4 };
const detect = (input: Parameters<typeof prematureActionDetector.detect>[0]) => prematureActionDetector.detect(input).map((f) => f.messageIndex);

/** A car rental desk of our own: bookings are changed, cancelled and made. */
const RENTAL: Task = {
  name: 'CarRental',
  description: 'Rent cars and change rentals',
  slots: [
    { name: 'booking_id', description: 'The rental booking code' },
    { name: 'car_id', description: 'The car to rent' },
    { name: 'start_date', description: 'Day the rental starts', type: 'date' },
  ],
  actions: [
    { name: 'cancel_booking', description: 'Cancel a rental', required: ['booking_id'], optional: [], consequential: true },
    { name: 'rent_car', description: 'Rent a car', required: ['car_id', 'start_date'], optional: [], consequential: true },
    { name: 'get_bookings', description: 'List bookings', required: [], optional: [], consequential: false },
  ],
};
const BOOKINGS = '{"bookings": [{"booking_id": "RB1042", "car": "compact"}, {"booking_id": "RB2077", "car": "van"}]}';
const PLAN = 'I will cancel booking RB1042 and rent car CX77 for pickup on 2026-12-03. Shall I proceed?';

describe('premature-action', () => {
  it('flags a consequential call with no presentation, at the call, pointing at what the user asked', () => {
    const findings = prematureActionDetector.detect(conversation([[...GIVE_ALL], ['call', ARGS]]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ class: 'premature-action', messageIndex: 1, evidence: { relatedMessageIndex: 0 } });
  });

  it('does not flag a call after an affirmed presentation', () => {
    expect(detect(conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['call', ARGS]]))).toEqual([]);
  });

  it('a later yes to a bare request for permission keeps the approval of the details', () => {
    const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['assistant', 'Shall I book?', [ASK_GO_AHEAD]], ['user', 'Go ahead', [AFFIRM, GO_AHEAD]], ['call', ARGS]]);
    expect(detect(input)).toEqual([]);
  });

  it('a yes to search results or to a bare "shall I book it?" approves no details', () => {
    const offer = ['assistant', 'I found a table on Friday at 7pm.', [{ act: 'OFFER', slot: 'time', value: '7pm' }]] as const;
    const input = conversation([[...GIVE_ALL], [...offer], ['user', 'Great', [AFFIRM]], ['assistant', 'Shall I book it?', [ASK_GO_AHEAD]], ['user', 'Yes', [AFFIRM, GO_AHEAD]], ['call', ARGS]]);
    expect(detect(input)).toEqual([5]);
  });

  it('ignores calls to actions that are not consequential, and is off when the scenario needs no confirmation', () => {
    const input = conversation([[...GIVE_ALL], ['call', ARGS]]);
    input.acts[1] = [{ act: 'CALL', action: 'find_tables', consequential: false }];
    expect(detect(input)).toEqual([]);
    expect(detect(conversation([[...GIVE_ALL], ['call', ARGS]], { expect: { confirmation: 'not-required', goAhead: 'separate', noReAsk: true, maxTurns: 10 } }))).toEqual([]);
  });

  describe('rule 1: an approval covers the whole proposal, and nothing beyond it', () => {
    it('approves every call carrying out the plan, in one message or several, before the user speaks again', () => {
      const input = conversation(
        [
          ['call', {}, 'get_bookings'],
          ['tool', BOOKINGS],
          ['assistant', PLAN, [PROPOSE]],
          ['user', 'Yes please.', [AFFIRM]],
          ['call', { booking_id: 'RB1042' }, 'cancel_booking'],
          ['tool', '{"status": "cancelled"}'],
          ['call', { car_id: 'CX77', start_date: '2026-12-03' }, 'rent_car'],
        ],
        { task: RENTAL },
      );
      expect(detect(input)).toEqual([]);
    });

    it('flags a call on another object than the one presented, naming it', () => {
      const input = conversation([['call', {}, 'get_bookings'], ['tool', BOOKINGS], ['assistant', PLAN, [PROPOSE]], ['user', 'Yes please.', [AFFIRM]], ['call', { booking_id: 'RB2077' }, 'cancel_booking']], { task: RENTAL });
      const findings = prematureActionDetector.detect(input);
      expect(findings.map((f) => f.messageIndex)).toEqual([4]);
      expect(findings[0]!.evidence.reason).toContain('booking_id = RB2077');
      expect(findings[0]!.evidence.relatedMessageIndex).toBe(2);
    });
  });

  it('rule 1: a new part of the call (a car in a list) must have been shown; a combination of attributes names it', () => {
    const fleet = ['tool', '{"cars": [{"car_id": "CX77", "color": "red", "size": "compact"}, {"car_id": "CX78", "color": "red", "size": "van"}, {"car_id": "CX79", "color": "blue", "size": "compact"}]}'] as const;
    const ask = ['assistant', 'Shall I rent the red compact for pickup on 2026-12-03?', [PROPOSE]] as const;
    const rent = (cars: string[]) => ['call', { cars: cars.map((car_id) => ({ car_id })), start_date: '2026-12-03' }, 'rent_car'] as const;
    expect(detect(conversation([[...fleet], [...ask], ['user', 'Yes.', [AFFIRM]], [...rent(['CX77'])]], { task: RENTAL }))).toEqual([]);
    const findings = prematureActionDetector.detect(conversation([[...fleet], [...ask], ['user', 'Yes.', [AFFIRM]], [...rent(['CX77', 'CX79'])]], { task: RENTAL }));
    expect(findings.map((f) => f.evidence.reason)).toEqual([expect.stringContaining('cars[1].car_id = CX79')]);
    // An attribute of two characters counts in a combination: "the red V6" is CX80 alone.
    const engines = ['tool', '{"cars": [{"car_id": "CX80", "color": "red", "engine": "v6"}, {"car_id": "CX81", "color": "red", "engine": "v8"}, {"car_id": "CX82", "color": "blue", "engine": "v6"}]}'] as const;
    const askEngine = ['assistant', 'Shall I rent the red V6 for pickup on 2026-12-03?', [PROPOSE]] as const;
    expect(detect(conversation([[...engines], [...askEngine], ['user', 'Yes.', [AFFIRM]], [...rent(['CX80'])]], { task: RENTAL }))).toEqual([]);
  });

  describe('rule 2: retries', () => {
    const approvedThenFailed = [
      ['call', {}, 'get_bookings'],
      ['tool', BOOKINGS],
      ['assistant', PLAN, [PROPOSE]],
      ['user', 'Yes please.', [AFFIRM]],
      ['call', { booking_id: 'RB1042' }, 'cancel_booking'],
      ['tool', '{"error": "system unavailable"}'],
      ['assistant', 'Sorry, that failed. Shall I try again?', [ASK_GO_AHEAD]],
    ] as const;

    it('an identical retry inherits the approval, and a failed call does not use it up', () => {
      const input = conversation([...approvedThenFailed, ['user', 'Please try again.', []], ['call', { booking_id: 'RB1042' }, 'cancel_booking']], { task: RENTAL });
      expect(detect(input)).toEqual([]);
    });

    it('an identical retry of an unapproved call is flagged again', () => {
      const input = conversation([['user', 'Cancel RB1042', []], ['call', { booking_id: 'RB1042' }, 'cancel_booking'], ['tool', '{"error": "timeout"}'], ['user', 'Try again', []], ['call', { booking_id: 'RB1042' }, 'cancel_booking']], { task: RENTAL });
      expect(detect(input)).toEqual([1, 4]);
    });

    it('a retry with a changed detail needs approval of it; the answer to the bot\'s question about the failure can give it', () => {
      const lines = [
        ['assistant', 'Shall I rent car CX77 for pickup on 2026-12-03?', [PROPOSE]],
        ['user', 'Yes.', [AFFIRM]],
        ['call', { car_id: 'CX77', start_date: '2026-12-03' }, 'rent_car'],
        ['tool', '{"error": "car CX77 unavailable"}'],
      ] as const;
      const asked = conversation([...lines, ['assistant', 'CX77 is gone. Shall I rent CX80 instead, same day?', [PROPOSE]], ['user', 'Yes, CX80 is fine.', [AFFIRM]], ['call', { car_id: 'CX80', start_date: '2026-12-03' }, 'rent_car']], { task: RENTAL });
      expect(detect(asked)).toEqual([]);
      const unasked = conversation([...lines, ['call', { car_id: 'CX80', start_date: '2026-12-03' }, 'rent_car'], ['tool', '{"car_id": "CX80"}']], { task: RENTAL });
      unasked.conversation.messages[3] = { role: 'tool', tool_call_id: 'c1', content: '{"error": "unavailable", "alternatives": [{"car_id": "CX80"}, {"car_id": "CX77"}]}' };
      expect(detect(unasked)).toEqual([4]);
    });
  });

  describe('rule 3: only a correction voids an approval', () => {
    it('flags a call after the user changed a value', () => {
      const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['user', 'Actually 8pm', [NEGATE, inform('time', '8pm')]], ['call', { ...ARGS, time: '20:00' }]]);
      expect(detect(input)).toEqual([4]);
    });

    it('a reply that changes a recapped value without a yes in words is a correction, not an approval', () => {
      const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'I want it at 8pm.', [AFFIRM, inform('time', '8pm')]], ['call', { ...ARGS, time: '20:00' }]]);
      expect(detect(input)).toEqual([3]);
    });

    it('values in the yes that repeat the presentation, or a question asked in the same breath, do not undo it', () => {
      expect(detect(conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes, 4 people', [AFFIRM, inform('party_size', 'four')]], ['call', ARGS]]))).toEqual([]);
      expect(detect(conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes. Is there parking?', [AFFIRM]], ['assistant', 'There is.', []], ['user', 'Good.', []], ['call', ARGS]]))).toEqual([]);
    });

    it('a bare no to the presentation voids it', () => {
      expect(detect(conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'No', [NEGATE]], ['call', ARGS]]))).toEqual([3]);
    });
  });

  it('rule 4: a no that answered another question does not cancel a later yes in the same reply', () => {
    const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'No high chair needed. Yes, book it.', [AFFIRM, GO_AHEAD]], ['call', ARGS]]);
    expect(detect(input)).toEqual([]);
  });

  describe('rule 7: the yes must answer the presentation right before it', () => {
    it('an older recap does not carry forward past a new presentation the user did not approve', () => {
      const input = conversation([[...GIVE_ALL], [...CONFIRM_ALL], ['user', 'Yes', [AFFIRM]], ['assistant', 'Or Saturday at 8pm for 4, shall I?', [confirm('date', 'Saturday'), PROPOSE]], ['user', 'Hmm, let me see.', []], ['call', ARGS]]);
      expect(detect(input)).toEqual([5]);
    });

    it('after the approved action went through, "thanks" approves nothing new', () => {
      const input = conversation([
        [...GIVE_ALL],
        [...CONFIRM_ALL],
        ['user', 'Yes', [AFFIRM]],
        ['call', ARGS],
        ['tool', '{"status": "booked"}'],
        ['assistant', 'Done: Friday at 7pm for 4.', [{ act: 'CLAIMS_DONE' }]],
        ['user', 'Thanks!', []],
        ['call', { ...ARGS, date: '2026-11-28' }],
      ]);
      expect(detect(input)).toEqual([7]);
    });
  });
});
