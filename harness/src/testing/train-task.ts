import type { Task } from '../bot/task.js';

/** A made-up train-ticket task for tagger tests: paired ends (from/to), two dates, a count, choices, a yes/no feature. */
export const TRAINS: Task = {
  name: 'TrainTickets',
  description: 'Find trains and buy tickets',
  slots: [
    { name: 'from_city', description: 'City the train leaves from' },
    { name: 'to_city', description: 'City the train goes to' },
    { name: 'travel_date', description: 'Date of the journey' },
    { name: 'return_date', description: 'Date of the return journey' },
    { name: 'departure_time', description: 'Time the train leaves' },
    { name: 'adults', description: 'Number of adult passengers', values: ['1', '2', '3', '4', '5'] },
    { name: 'seat_class', description: 'Class of the seats', values: ['Economy', 'First Class'] },
    { name: 'quiet_car', description: 'Whether the seats are in the quiet car', values: ['True', 'False'] },
    { name: 'passenger_name', description: 'Name of the lead passenger' },
    { name: 'fare', description: 'Price of one ticket' },
  ],
  actions: [
    { name: 'search_trains', description: 'Find trains between two cities', required: ['from_city', 'to_city', 'travel_date'], optional: ['adults'], consequential: false },
    {
      name: 'buy_tickets',
      description: 'Buy train tickets',
      required: ['from_city', 'to_city', 'travel_date', 'departure_time', 'adults', 'passenger_name'],
      optional: ['seat_class', 'quiet_car', 'return_date'],
      consequential: true,
    },
  ],
};
