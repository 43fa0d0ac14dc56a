import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { asksForInformation, asksYesWithoutDetails, definiteObjects, describesRecord, instructedVerb, leavesChoice, presentsPlan } from './presentation.js';
import { tagAssistant, taskModel } from './offline-tagger.js';

/** A clinic of our own: appointments are booked, moved and cancelled; a deposit is charged. */
const CLINIC: Task = {
  name: 'Clinic',
  description: 'Book, move or cancel clinic appointments',
  slots: [
    { name: 'appointment_id', description: 'The appointment code' },
    { name: 'doctor', description: 'The doctor to see' },
    { name: 'slot_time', description: 'When the appointment is', type: 'time' },
    { name: 'card_id', description: 'The card that pays the deposit' },
  ],
  actions: [
    { name: 'book_appointment', description: 'Book an appointment', required: ['doctor', 'slot_time', 'card_id'], optional: [], consequential: true },
    { name: 'cancel_appointment', description: 'Cancel an appointment', required: ['appointment_id'], optional: [], consequential: true },
    { name: 'find_doctors', description: 'Search doctors', required: [], optional: [], consequential: false },
  ],
};
const proposes = (text: string) => presentsPlan(text, CLINIC);

describe('rule 5: any statement of what the bot is about to do, with its details, is a presentation', () => {
  it('prose asking for a yes', () => {
    expect(proposes('I can cancel appointment AP-3321 with Dr. Osei on Dec 4. Shall I proceed?')).toBe(true);
    expect(proposes('Would you like me to cancel appointment AP-3321?')).toBe(true);
    expect(proposes('To go ahead, please reply "yes": the $40 deposit goes on your card ending 4242.')).toBe(true);
  });

  it('a bulleted or numbered list, a table, a JSON object', () => {
    expect(proposes('Here is the plan:\n- Cancel AP-3321\n- Book Dr. Lind at 10:30, $40 deposit\nDo you confirm?')).toBe(true);
    expect(proposes('| step | detail |\n|---|---|\n| cancel | AP-3321 |\n| book | Dr. Lind, $40 |\n\nIs everything correct?')).toBe(true);
    expect(proposes('{"action": "book_appointment", "doctor": "Lind", "deposit": 40}\nPlease confirm with yes.')).toBe(true);
  });

  it('a statement of what the bot will now do, or can do with these details', () => {
    expect(proposes('I will now cancel appointment AP-3321 and refund the $40 deposit to your card.')).toBe(true);
    expect(proposes('Dr. Lind has a slot that I can book for you at 10:30 on Dec 4.')).toBe(true);
  });

  it('a list the user still has to choose from, permission to look something up, and a question about a value present nothing', () => {
    expect(proposes('Dr. Lind has 10:30 ($40) and 14:00 ($40). Which one would you like?')).toBe(false);
    expect(proposes('Would you like me to check Dr. Lind\'s other slots for Dec 4?')).toBe(false);
    expect(proposes('Could you please confirm your appointment code, such as AP-1234?')).toBe(false);
    expect(proposes('Shall I proceed?')).toBe(false);
  });

  it('"please confirm which …" asks for a choice, not for approval; "reply with: the card, and yes" asks for both', () => {
    expect(proposes('Dr. Lind has 10:30 ($40) and 14:00 ($40). Would you like to book one of these? If so, please confirm which time you prefer.')).toBe(false);
    expect(proposes('I can book Dr. Lind at 10:30 on Dec 4, $40 deposit. If that is right, please reply with:\n- the card you want to use, and\n- yes')).toBe(true);
  });

  it('a recap on the way to a choice or to a request for information presents nothing yet', () => {
    expect(leavesChoice('Your appointment AP-3321 is with Dr. Osei at 10:30. Would you like to make any changes to it? For example, the time or the doctor?')).toBe(true);
    expect(leavesChoice('Dr. Lind or Dr. Osei: which one would you like?')).toBe(true);
    expect(leavesChoice('I will pick up the booking from here. Shall I cancel AP-3321?')).toBe(false);
    expect(asksForInformation('I can move AP-3321 to Dec 4. Could you please provide your date of birth?')).toBe(true);
    expect(asksForInformation('Please review the details and give me the go-ahead.')).toBe(false);
    const model = taskModel(CLINIC, '2026-11-24');
    const tagged = tagAssistant({ role: 'assistant', content: 'So, Dr. Osei at 10:30 on Dec 4. Could you please provide your email address so I can send the confirmation?' }, model);
    expect(tagged.map((a) => a.act)).not.toContain('PROPOSE');
  });

  it('what the bot itself will give ("we can provide a full refund") asks the user for nothing', () => {
    expect(asksForInformation('We can indeed provide a full refund of the deposit. Would you like to proceed?')).toBe(false);
    expect(asksForInformation("I'll send you the receipt once it is done.")).toBe(false);
    expect(asksForInformation('We can cancel it. Could you provide the appointment code?')).toBe(true);
    expect(asksForInformation('To cancel it we will need your date of birth.')).toBe(true);
  });

  it('a definite reference to an object an action acts on, for the detectors to match against the objects in play', () => {
    const thin = "Let's go ahead and cancel the appointment now. The $40 deposit comes back to your card. Would you like to proceed?";
    expect(definiteObjects(thin, CLINIC)).toEqual(['appointment_id']);
    expect(definiteObjects('Shall I cancel your appointment with Dr. Osei?', CLINIC)).toEqual(['appointment_id']);
    expect(definiteObjects('Could you give me the appointment ID so I can cancel it?', CLINIC)).toEqual([]);
    expect(definiteObjects('Would you like me to cancel an appointment?', CLINIC)).toEqual([]);
    // A yes asked, no detail of its own: what the reference must make up for.
    expect(asksYesWithoutDetails("Let's cancel the appointment now. Would you like to proceed?", CLINIC)).toBe(true);
    expect(asksYesWithoutDetails('I can cancel appointment AP-3321. Shall I proceed?', CLINIC)).toBe(false);
    expect(asksYesWithoutDetails('Which appointment would you like to cancel?', CLINIC)).toBe(false);
  });

  it("the verb of the user's own instruction", () => {
    expect(instructedVerb('Yes, please go ahead and cancel both, AP-3321 and AP-4410.', CLINIC)).toBe('cancel');
    expect(instructedVerb('I would like to cancel AP-3321 at some point.', CLINIC)).toBeUndefined();
    expect(instructedVerb('Can you cancel AP-3321?', CLINIC)).toBeUndefined();
  });

  it('a statement of what the user already has describes a record; put as a question it is a recap', () => {
    expect(describesRecord('Sure. You have $40 of credit on your account, which covers the deposit.')).toBe(true);
    expect(describesRecord('Your appointment AP-3321 is with Dr. Osei at 10:30.')).toBe(true);
    expect(describesRecord('Your deposit has $40.00 left on it')).toBe(true);
    expect(describesRecord('Your appointment AP-3321 is with Dr. Osei at 10:30, right?')).toBe(false);
    expect(describesRecord('Booking Dr. Lind at 10:30 on Dec 4.')).toBe(false);
  });

  it('the offline tagger marks a presentation PROPOSE', () => {
    const model = taskModel(CLINIC, '2026-11-24');
    expect(tagAssistant({ role: 'assistant', content: 'I will cancel AP-3321 (Dr. Osei, Dec 4). Do you want me to proceed? (yes/no)' }, model).map((a) => a.act)).toContain('PROPOSE');
    expect(tagAssistant({ role: 'assistant', content: 'Your appointment AP-3321 has been cancelled.' }, model).map((a) => a.act)).not.toContain('PROPOSE');
  });
});
