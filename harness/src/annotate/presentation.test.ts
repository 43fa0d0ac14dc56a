import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { describesRecord, presentsPlan } from './presentation.js';
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
