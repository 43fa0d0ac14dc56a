import type { Task } from '../bot/task.js';

/**
 * A made-up ferry-booking task for the rules of requests, values and claims:
 * slot names of common words (user id), descriptions that quote example
 * values and say what a slot is used for, port codes, two counts of one
 * kind, a cabin grade written with underscores, a yes/no choice, several
 * consequential actions.
 */
export const FERRY: Task = {
  name: 'FerryDesk',
  description: 'Book, change or cancel ferry crossings',
  slots: [
    { name: 'user_id', description: "The ID of the user to book the crossing such as 'lin_ma_204'." },
    { name: 'booking_code', description: "The booking code, such as 'K7QX2P'." },
    { name: 'departure_port', description: "The code of the harbour the crossing leaves from, such as 'HLS'." },
    { name: 'arrival_port', description: "The code of the harbour the crossing arrives at, such as 'KRN'." },
    { name: 'sailing_date', description: 'The date of the sailing.' },
    { name: 'adults', description: 'Number of adult passengers', type: 'integer' },
    { name: 'children', description: 'Number of child passengers', type: 'integer' },
    { name: 'cabin_grade', description: "The cabin grade such as 'deck_seat' or 'sea_view_cabin'.", values: ['deck_seat', 'inner_cabin', 'sea_view_cabin'] },
    { name: 'vehicle', description: 'Whether a car travels on the crossing.', values: ['yes', 'no'] },
    { name: 'card_id', description: "The stored card to pay with, such as 'card_5531'." },
    { name: 'voucher_amount', description: 'The amount of the voucher to send.' },
  ],
  actions: [
    { name: 'find_sailings', description: 'Find sailings between two harbours on a date.', required: ['departure_port', 'arrival_port', 'sailing_date'], optional: [], consequential: false },
    { name: 'get_user', description: 'Get the details of a user and their bookings.', required: ['user_id'], optional: [], consequential: false },
    {
      name: 'book_crossing',
      description: 'Book a crossing.',
      required: ['user_id', 'departure_port', 'arrival_port', 'sailing_date', 'adults', 'cabin_grade', 'card_id'],
      optional: ['children', 'vehicle'],
      consequential: true,
    },
    { name: 'cancel_crossing', description: 'Cancel a whole booking.', required: ['booking_code'], optional: [], consequential: true },
    { name: 'change_cabin', description: 'Change the cabin grade of a booking.', required: ['booking_code', 'cabin_grade', 'card_id'], optional: [], consequential: true },
    { name: 'send_voucher', description: 'Send a voucher to a user.', required: ['user_id', 'voucher_amount'], optional: [], consequential: true },
  ],
};
