import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { FERRY } from '../testing/ferry-task.js';
import { AFFIRM, GO_AHEAD, PROPOSE, confirm, conversation } from '../testing/detector-fixtures.js';
import { prematureActionDetector } from './premature-action.js';
import { unapprovedDetailDetector } from './unapproved-detail.js';

/** Rule 1 on a ferry desk of our own: what goes beyond the proposal the user approved is premature. */
const detect = (input: ReturnType<typeof conversation>) => prematureActionDetector.detect(input);
const CARDS = '{"user_id": "lin_ma_204", "cards": [{"card_id": "card_5531", "brand": "visa", "last4": "5531"}, {"card_id": "voucher_88", "kind": "voucher", "balance": 30}]}';
const UPGRADE = 'I will change booking K7QX2P to a sea view cabin; the $40 difference goes on your Visa ending 5531. Shall I go ahead?';
const CHANGE = { booking_code: 'K7QX2P', cabin_grade: 'sea_view_cabin', card_id: 'card_5531' };

describe('rule 1: another action than the one presented', () => {
  it('flags a call of another action made under the approval of the first, naming both', () => {
    const input = conversation([['tool', CARDS], ['assistant', UPGRADE, [PROPOSE]], ['user', 'Yes, go ahead. Also cancel my crossing next week.', [AFFIRM, GO_AHEAD]], ['call', CHANGE, 'change_cabin'], ['tool', '{"status": "changed"}'], ['call', { booking_code: 'K7QX2P' }, 'cancel_crossing']], { task: FERRY });
    const findings = detect(input);
    expect(findings.map((f) => f.messageIndex)).toEqual([5]);
    expect(findings[0]!.evidence.reason).toContain('another action (change_cabin)');
  });

  it('covers every action the presentation spoke of: by a word of its name, or by a value only that call carries', () => {
    const both = `${UPGRADE.replace(' Shall I go ahead?', '')} I will also send you a voucher of $20 for the delay. Shall I go ahead?`;
    const input = conversation([['tool', CARDS], ['assistant', both, [PROPOSE]], ['user', 'Yes.', [AFFIRM]], ['call', CHANGE, 'change_cabin'], ['tool', '{"status": "changed"}'], ['call', { user_id: 'lin_ma_204', voucher_amount: 20 }, 'send_voucher']], { task: FERRY });
    expect(detect(input)).toEqual([]);
    const byValue = conversation([['assistant', 'Change K7QX2P to a sea view cabin and cancel crossing Q2RT9Z, both on card ending 5531? (yes/no)', [PROPOSE]], ['user', 'Yes.', [AFFIRM]], ['call', CHANGE, 'change_cabin'], ['call', { booking_code: 'Q2RT9Z' }, 'cancel_crossing']], { task: FERRY });
    expect(detect(byValue)).toEqual([]);
  });

  it('the card that pays names no action: one card pays for many, so showing it presents none of them', () => {
    const book = { user_id: 'lin_ma_204', departure_port: 'KRN', arrival_port: 'ODN', sailing_date: '2026-12-09', adults: 1, cabin_grade: 'deck_seat', card_id: 'card_5531' };
    const move = 'I will move K7QX2P to a sea view cabin; the $40 difference goes on your Visa ending 5531. Shall I go ahead?';
    const input = conversation([['tool', CARDS], ['assistant', move, [PROPOSE]], ['user', 'Yes.', [AFFIRM]], ['call', CHANGE, 'change_cabin'], ['tool', '{"status": "changed"}'], ['call', book, 'book_crossing']], { task: FERRY });
    expect(detect(input).map((f) => f.evidence.reason)).toEqual([expect.stringContaining('under the approval of another action (change_cabin)')]);
  });

  it('after a failure, the user\'s answer to the bot\'s question approves the changed detail, not another action the question mentioned', () => {
    const lines = [
      ['tool', CARDS],
      ['assistant', UPGRADE, [PROPOSE]],
      ['user', 'Yes.', [AFFIRM]],
      ['call', CHANGE, 'change_cabin'],
      ['tool', '{"error": "card declined"}'],
    ] as const;
    const otherCard = conversation([...lines, ['assistant', 'Your Visa was declined. You can choose the voucher_88 voucher instead.', []], ['user', 'Use the voucher then.', []], ['call', { ...CHANGE, card_id: 'voucher_88' }, 'change_cabin']], { task: FERRY });
    expect(detect(otherCard)).toEqual([]);
    const cancel = conversation([...lines, ['assistant', 'It failed. Would you like me to check whether the crossing can be cancelled instead?', []], ['user', 'Could you check? If so I would cancel it.', []], ['call', { booking_code: 'K7QX2P' }, 'cancel_crossing']], { task: FERRY });
    expect(detect(cancel).map((f) => f.messageIndex)).toEqual([7]);
  });
});

/** A ferry desk whose booking takes a list of sailings. */
const TRIPS: Task = {
  ...FERRY,
  actions: [{ name: 'book_trip', description: 'Book sailings.', required: ['user_id', 'sailings', 'card_id'], optional: [], consequential: true }],
  slots: [...FERRY.slots, { name: 'sailings', description: 'The sailings to book' }],
};
const SAILINGS = '[{"sailing_code": "SL100", "from": "HLS", "to": "KRN"}, {"sailing_code": "SL200", "from": "KRN", "to": "ODN"}, {"sailing_code": "SL300", "from": "HLS", "to": "ODN"}]';

describe('rule 1: another object, other values', () => {
  it('a part the proposal left out, where it listed the parts by their codes, goes beyond it', () => {
    const propose = ['assistant', 'Book sailing SL100 (HLS to KRN) for lin_ma_204, $35 on card ending 5531. Shall I proceed?', [PROPOSE]] as const;
    const book = (codes: string[]) => ['call', { user_id: 'lin_ma_204', sailings: codes.map((sailing_code) => ({ sailing_code })), card_id: 'card_5531' }, 'book_trip'] as const;
    const listed = (codes: string[]) => conversation([['tool', SAILINGS], ['assistant', 'Sailings: SL100, SL200 and SL300. Which would you like?', []], ['user', 'The first.', []], [...propose], ['user', 'Yes.', [AFFIRM]], [...book(codes)]], { task: TRIPS });
    expect(detect(listed(['SL100']))).toEqual([]);
    expect(detect(listed(['SL100', 'SL200'])).map((f) => f.evidence.reason)).toEqual([expect.stringContaining('sailings[1].sailing_code = SL200')]);
  });

  it('a place or a kind the proposal stated otherwise, and the user never named, goes beyond it', () => {
    const recap = ['assistant', 'Booking lin_ma_204 from HLS to KRN on 2026-12-03, deck seat, card ending 5531. Shall I book it?', [confirm('departure_port', 'HLS'), confirm('arrival_port', 'KRN'), confirm('cabin_grade', 'deck_seat'), PROPOSE]] as const;
    const book = (departure_port: string, cabin_grade: string) => ['call', { user_id: 'lin_ma_204', departure_port, arrival_port: 'KRN', sailing_date: '2026-12-03', adults: 1, cabin_grade, card_id: 'card_5531' }, 'book_crossing'] as const;
    expect(detect(conversation([[...recap], ['user', 'Yes.', [AFFIRM]], [...book('HLS', 'deck_seat')]], { task: FERRY }))).toEqual([]);
    const findings = detect(conversation([[...recap], ['user', 'Yes.', [AFFIRM]], [...book('ODN', 'deck_seat')]], { task: FERRY }));
    expect(findings.map((f) => f.evidence.reason)).toEqual([expect.stringContaining('departure_port = ODN, where the proposal the user approved (message 0) stated HLS')]);
    expect(detect(conversation([[...recap], ['user', 'Yes.', [AFFIRM]], [...book('HLS', 'sea_view_cabin')]], { task: FERRY }))).toHaveLength(1);
  });

  it('a payment the proposal split between two means is not carried out by a call that charges one alone', () => {
    const split = (line: string) => conversation([['tool', CARDS], ['assistant', `Change K7QX2P to a sea view cabin for $70.\n${line}\nShall I proceed? (yes/no)`, [PROPOSE]], ['user', 'Yes.', [AFFIRM]], ['call', CHANGE, 'change_cabin']], { task: FERRY });
    expect(detect(split('Payment: voucher_88 ($30) + Visa ending 5531 ($40)')).map((f) => f.evidence.reason)).toEqual([expect.stringContaining('payment by card_5531 alone')]);
    expect(detect(split('Your voucher pays $30 first, and the remaining $40 goes to your Visa ending 5531.')).map((f) => f.evidence.reason)).toEqual([expect.stringContaining('split the payment')]);
    expect(detect(split('Payment: $70 on your Visa ending 5531.'))).toEqual([]);
    // A total adds up charges; it splits none of them.
    expect(detect(split('Payment: Visa ending 5531. Total today: $30 (voucher) + $40 (Visa) across both bookings.'))).toEqual([]);
  });
});

describe('rule 1: a kind the proposal stated otherwise for one of the parts', () => {
  const REGRADE: Task = {
    ...FERRY,
    actions: [{ name: 'change_booking', description: 'Change the cabin grade of a booking.', required: ['booking_code', 'cabin_grade', 'sailings'], optional: [], consequential: true }],
    slots: [...FERRY.slots, { name: 'sailings', description: 'The sailings of the booking' }],
  };
  const run = (lines: string) =>
    detect(
      conversation(
        [
          ['assistant', `I will update booking K7QX2P:\n${lines}\nShall I proceed?`, [PROPOSE]],
          ['user', 'Yes, go ahead.', [AFFIRM, GO_AHEAD]],
          ['call', { booking_code: 'K7QX2P', cabin_grade: 'sea_view_cabin', sailings: [{ sailing_code: 'SL100' }, { sailing_code: 'SL200' }] }, 'change_booking'],
        ],
        { task: REGRADE },
      ),
    ).map((f) => f.evidence.reason);

  it('one grade for the whole booking, where the proposal kept one sailing in a deck seat', () => {
    expect(run('- SL100 HLS to KRN (Dec 9): deck seat\n- SL200 KRN to ODN (Dec 10): sea view cabin')).toEqual([expect.stringContaining('stated deck seat for SL100')]);
  });

  it('a line that states the old grade beside the new one, or every line the called grade, agrees with the call', () => {
    expect(run('- SL100 HLS to KRN (Dec 9): deck seat → sea view cabin\n- SL200 KRN to ODN (Dec 10): sea view cabin')).toEqual([]);
    expect(run('- SL100 HLS to KRN (Dec 9): sea view cabin\n- SL200 KRN to ODN (Dec 10): sea view cabin')).toEqual([]);
  });
});

describe('rule 1: the whole record where the proposal took a part of it', () => {
  const booking = '{"booking_code": "K7QX2P", "sailings": [{"sailing_code": "SL100", "from": "HLS", "to": "KRN"}, {"sailing_code": "SL200", "from": "KRN", "to": "ODN"}], "status": "confirmed"}';
  const run = (proposal: string) =>
    detect(conversation([['tool', booking], ['assistant', proposal, [PROPOSE]], ['user', 'Yes.', [AFFIRM]], ['call', { booking_code: 'K7QX2P' }, 'cancel_crossing']], { task: FERRY })).map((f) => f.evidence.reason);

  it('cancelling the booking after "cancel sailing SL200 from your booking K7QX2P" goes beyond the proposal', () => {
    expect(run('To confirm: I will cancel sailing SL200 (KRN to ODN) from your booking K7QX2P. Shall I proceed?')).toEqual([expect.stringContaining('K7QX2P as a whole')]);
  });

  it('a proposal to cancel the booking that mentions its sailings presents the whole', () => {
    expect(run('I will cancel booking K7QX2P: sailing SL100 from HLS and sailing SL200 from KRN. Shall I proceed?')).toEqual([]);
    expect(run('I will cancel booking K7QX2P (sailing SL200 on Dec 9). Shall I proceed?')).toEqual([]);
  });
});

describe('rule 3: a correction of where the money goes, in the same breath as the yes', () => {
  it('voids the approval of a call that cannot honour it: its money goes where the proposal said before the correction', () => {
    const plan = 'Here is the plan:\n1. Change K7QX2P to a sea view cabin; the $40 difference goes on your Visa ending 5531.\n2. Cancel crossing Q2RT9Z; the $60 is refunded to your original payment method.\nShall I proceed with both?';
    const run = (yes: string, card: string) =>
      detect(conversation([['tool', CARDS], ['assistant', plan, [PROPOSE]], ['user', yes, [AFFIRM, GO_AHEAD]], ['call', { ...CHANGE, card_id: card }, 'change_cabin'], ['call', { booking_code: 'Q2RT9Z' }, 'cancel_crossing']], { task: FERRY }));
    const corrected = run("I'd like the refunds to go to my voucher instead. Yes, go ahead with both.", 'voucher_88');
    expect(corrected.map((f) => [f.messageIndex, f.evidence.reason])).toEqual([[4, expect.stringContaining("where the user's yes changed where it goes")]]);
    expect(run('Yes, go ahead with both.', 'card_5531')).toEqual([]);
  });
});

describe('rule 6: an instrument the user named', () => {
  it('"the other $30 voucher": of two vouchers alike, the one whose twin the user named', () => {
    const wallet = '{"user_id": "lin_ma_204", "cards": [{"card_id": "card_5531", "brand": "visa", "last4": "5531"}, {"card_id": "voucher_88", "kind": "voucher", "balance": 30}, {"card_id": "voucher_91", "kind": "voucher", "balance": 30}]}';
    const plan = 'I will change K7QX2P and Q2RT9Z to sea view cabins, $30 each, each paid with one of your $30 vouchers. Shall I go ahead?';
    const run = (yes: string) => {
      const input = conversation(
        [
          ['tool', wallet],
          ['assistant', plan, [PROPOSE]],
          ['user', yes, [AFFIRM]],
          ['call', { ...CHANGE, card_id: 'voucher_88' }, 'change_cabin'],
          ['call', { booking_code: 'Q2RT9Z', cabin_grade: 'sea_view_cabin', card_id: 'voucher_91' }, 'change_cabin'],
        ],
        { task: FERRY },
      );
      return [...detect(input), ...unapprovedDetailDetector.detect(input)].map((f) => f.messageIndex);
    };
    expect(run('Yes: voucher_88 for K7QX2P and the other $30 voucher for Q2RT9Z.')).toEqual([]);
    expect(run('Yes, use voucher_88 for both.')).toEqual([4]);
  });
});

describe('rule 2 and rule 6: a retry that changes only a sum', () => {
  it('is an unapproved detail (a money detail the user never saw), not another plan', () => {
    const input = conversation(
      [
        ['assistant', 'I will send lin_ma_204 a voucher of $20 for the delay. Shall I? (yes/no)', [PROPOSE]],
        ['user', 'Yes.', [AFFIRM]],
        ['call', { user_id: 'lin_ma_204', voucher_amount: 20 }, 'send_voucher'],
        ['tool', '{"error": "amount below the minimum of 25"}'],
        ['call', { user_id: 'lin_ma_204', voucher_amount: 25 }, 'send_voucher'],
      ],
      { task: FERRY },
    );
    expect(detect(input)).toEqual([]);
    expect(unapprovedDetailDetector.detect(input)).toMatchObject([{ messageIndex: 4, slot: 'voucher_amount' }]);
  });
});
