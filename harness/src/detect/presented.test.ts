import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { AFFIRM, GO_AHEAD, confirm, conversation, request } from '../testing/detector-fixtures.js';
import { prematureActionDetector } from './premature-action.js';

/** A car rental desk of our own: rental bookings are looked up and cancelled, the deposit goes back to a card. */
const RENTAL: Task = {
  name: 'CarRental',
  description: 'Look up and cancel car rentals',
  slots: [
    { name: 'booking_id', description: 'The rental booking code' },
    { name: 'start_date', description: 'Day the rental starts', type: 'date' },
  ],
  actions: [
    { name: 'cancel_booking', description: 'Cancel a rental', required: ['booking_id'], optional: [], consequential: true },
    { name: 'get_booking', description: 'Look up a rental', required: ['booking_id'], optional: [], consequential: false },
    { name: 'get_customer', description: 'Look up a customer and their rentals', required: [], optional: [], consequential: false },
  ],
};
const flagged = (lines: Parameters<typeof conversation>[0]) => prematureActionDetector.detect(conversation(lines, { task: RENTAL })).map((f) => f.messageIndex);

describe('rule 5: a definite reference presents the one object in play', () => {
  const lookedUp = ['tool', '{"booking_id": "RB1042", "car": "compact", "deposit": 120, "status": "confirmed"}'] as const;
  const thin = ['assistant', "Let's go ahead and cancel the booking now. Once cancelled, the full deposit goes back to your original card within 5-7 days. Would you like to proceed with the cancellation?", []] as const;
  const yes = ['user', 'Yes, as long as I get the deposit back, please cancel it.', [AFFIRM, GO_AHEAD]] as const;
  const cancel = ['call', { booking_id: 'RB1042' }, 'cancel_booking'] as const;

  it('"cancel the booking" asks a yes for the one booking looked up: the yes approves the cancellation', () => {
    expect(flagged([['call', { booking_id: 'RB1042' }, 'get_booking'], [...lookedUp], [...thin], [...yes], [...cancel]])).toEqual([]);
  });

  it('with two bookings in play the reference names neither, and without a yes nothing is approved', () => {
    const two = ['tool', '{"customer": "ada_k", "rentals": [{"booking_id": "RB1042", "car": "compact"}, {"booking_id": "RB2077", "car": "van"}]}'] as const;
    expect(flagged([['call', {}, 'get_customer'], [...two], [...thin], [...yes], [...cancel]])).toEqual([4]);
    expect(flagged([['call', { booking_id: 'RB1042' }, 'get_booking'], [...lookedUp], [...thin], ['user', 'How long does the refund take?', []], [...cancel]])).toEqual([4]);
  });
});

describe("rule 4: the user's own instruction naming the action and the objects a statement showed approves it", () => {
  const statement = [
    'assistant',
    'You have rentals RB1042 and RB2077. To cancel these and return the deposits to your card ending in 4242, I need the start date of each. If you do not have them, we can still cancel both.',
    [confirm('booking_id', 'RB1042'), request('start_date')],
  ] as const;
  const both = [['call', { booking_id: 'RB1042' }, 'cancel_booking'], ['call', { booking_id: 'RB2077' }, 'cancel_booking']] as const;

  it('"Yes, please cancel both, RB1042 and RB2077" after a statement that asked for information', () => {
    expect(flagged([[...statement], ['user', 'Yes, please go ahead and cancel both rentals, RB1042 and RB2077, and return the deposits to my card.', [AFFIRM, GO_AHEAD]], ...both])).toEqual([]);
    // Tagged or not: the instruction itself is the approval.
    expect(flagged([[...statement], ['user', 'Cancel RB1042 and RB2077, please.', []], ...both])).toEqual([]);
  });

  it('a plain yes, an answer with the information, or an instruction naming a code the statement did not show approves nothing', () => {
    expect(flagged([[...statement], ['user', 'Sure: Dec 3 and Dec 5.', [AFFIRM]], ...both])).toEqual([2, 3]);
    expect(flagged([[...statement], ['user', 'Please cancel RB1042 and RB9911.', [GO_AHEAD]], ['call', { booking_id: 'RB9911' }, 'cancel_booking']])).toEqual([2]);
  });

  it('a turn still leaving a choice stated no action: choosing in an instruction is not approving', () => {
    const choice = ['assistant', 'You have rentals RB1042 and RB2077. Which one would you like to cancel?', []] as const;
    expect(flagged([[...choice], ['user', 'Cancel RB1042.', []], ['call', { booking_id: 'RB1042' }, 'cancel_booking']])).toEqual([2]);
  });
});
