import { describe, expect, it } from 'vitest';
import { claimIn, claimPatterns } from './claims.js';
import { tagAssistant, taskModel } from './offline-tagger.js';
import { FERRY } from '../testing/ferry-task.js';

// Rule 15: what counts as a claim of success, on a task of our own.
const patterns = claimPatterns(FERRY);
const claim = (text: string) => claimIn(text, patterns);

describe('rule 15: a claim of success is the bot saying it has just performed a consequential action', () => {
  it('in the verb of one action, it names that action', () => {
    expect(claim("I've cancelled your crossing K7QX2P.")).toEqual({ action: 'cancel_crossing' });
    expect(claim('Your booking has been cancelled.')).toEqual({ action: 'cancel_crossing' });
    expect(claim('I have sent you a $40 voucher.')).toEqual({ action: 'send_voucher' });
  });
  it('in words of success any task uses, it names none', () => {
    expect(claim('All done, your crossing has been booked!')).toEqual({ action: 'book_crossing' });
    expect(claim('Your cabin is confirmed.')).toEqual({});
    expect(claim('Your cabin for 2 is booked for December 19.')).toEqual({});
    expect(claim("You're all set.")).toEqual({});
  });
  it('descriptions of records, policy, conditionals, negations and sympathy are not claims', () => {
    expect(claim('The booking was made on May 4, more than 24 hours ago.')).toBeUndefined();
    expect(claim('Your booking is booked in a deck seat.')).toBeUndefined();
    expect(claim('A crossing can only be cancelled if it was booked in the last 24 hours.')).toBeUndefined();
    expect(claim('Once it has been cancelled, the refund goes back to your card.')).toBeUndefined();
    expect(claim("I'm unable to cancel this booking, and it has not been changed.")).toBeUndefined();
    expect(claim('Neither sailing has been cancelled by the operator.')).toBeUndefined();
    expect(claim('No other changes have been made to your booking.')).toBeUndefined();
    expect(claim("I'm so sorry to hear about your trip.")).toBeUndefined();
    expect(claim('Your return crossing from HLS to KRN on December 5 with two adults is confirmed.')).toBeUndefined();
    expect(claim('Has it been cancelled?')).toBeUndefined();
  });
  it('what a record or a status shows is a description of it, not something the bot just did', () => {
    expect(claim('The timetable shows that sailing docked successfully.')).toBeUndefined();
    expect(claim('According to the log, the booking was cancelled successfully.')).toBeUndefined();
    expect(claim('The status showed a delay, so I have cancelled your booking.')).toEqual({ action: 'cancel_crossing' });
  });
  it("a notice about an action (its confirmation, receipt or details sent by email) is not the action its verb names", () => {
    expect(claim('Your confirmation details have been sent to your email.')).toBeUndefined();
    expect(claim('A receipt has been sent to you.')).toBeUndefined();
    expect(claim('Your voucher has been sent to your email.')).toEqual({ action: 'send_voucher' });
    expect(claim('I have sent you a $40 voucher, and the details have been sent to your email.')).toEqual({ action: 'send_voucher' });
  });
  it('a recap put up for checking claims nothing; a claim before a closing question stands', () => {
    const model = taskModel(FERRY, '2026-11-24');
    const acts = (text: string) => tagAssistant({ role: 'assistant', content: text }, model).filter((a) => a.act === 'CLAIMS_DONE');
    expect(acts('Kindly ensure that 2 adults have been booked on December 5.')).toEqual([]);
    expect(acts('I booked your crossing; can I help with anything else?')).toEqual([{ act: 'CLAIMS_DONE', action: 'book_crossing' }]);
  });
});
