import { describe, expect, it } from 'vitest';
import type { Task } from '../bot/task.js';
import { goalValues } from './goal-values.js';

const slot = (name: string, description: string, type = 'string') => ({ name, description, type }) as Task['slots'][number];
const task = (slots: Task['slots']): Task => ({ name: 'T', description: 'd', slots, actions: [{ name: 'act', description: 'a', required: slots.map((s) => s.name), optional: [], consequential: true }] }) as Task;

describe('goal values of generated scenarios', () => {
  it('an account number looks like one, a date of birth is in the past, a payment reference reads like one', () => {
    const values = goalValues(task([
      slot('payee_name', 'Name of the person or company receiving the money'),
      slot('iban', "IBAN of the payee's account"),
      slot('reference', 'Reference the payee sees with the payment'),
      slot('date_of_birth', "The patient's date of birth, to find their record", 'date'),
      slot('appointment_date', 'Date of the appointment', 'date'),
    ]), '2026-11-24');
    expect(values.get('iban')![0]).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/);
    expect(values.get('iban')![1]).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/);
    expect(String(values.get('date_of_birth')![0]) < '2026-11-24').toBe(true);
    expect(String(values.get('appointment_date')![0]) > '2026-11-24').toBe(true);
    expect(values.get('reference')).not.toContain(values.get('payee_name')![0]);
  });

  it('no two slots share a value: a value the user gives names one slot only', () => {
    const values = goalValues(task([slot('payee_name', 'Who receives the money'), slot('contact_person', 'Person to contact'), slot('city', 'City of the venue'), slot('start_town', 'Town the walking tour starts from')]), '2026-11-24');
    const all = [...values.values()].flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
