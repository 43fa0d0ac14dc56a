import { botYaml, scenario, type BadInput } from './case.js';

const SEATING = '    - { name: seating, values: [indoor, outdoor] }\n    - { name: vegetarian, type: boolean }\n    - { name: budget, type: number }\n';
/** The restaurant bot with categorical, yes/no and amount slots. */
const RICH_BOT = { 'bots/restaurant/bot.yaml': botYaml('', SEATING) };

/** Item 7: goal and expected values are checked against the slot's type and values, with file:line. */
export const GOAL_VALUES: BadInput[] = [
  { name: 'a party size in words', files: { 'scenarios/broken.yaml': scenario('    date: 2026-12-05\n    party_size: four') }, expected: /^slotcheck: scenarios\/broken\.yaml:5: field "user\.goal\.party_size": "four" is not a whole number/m },
  { name: 'a negative party size', files: { 'scenarios/broken.yaml': scenario('    party_size: -3') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.party_size": -3 is not a whole number of at least 0/m },
  { name: 'a fractional party size', files: { 'scenarios/broken.yaml': scenario('    party_size: 2.5') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.party_size": 2\.5 is not a whole number/m },
  { name: 'a date that does not exist', files: { 'scenarios/broken.yaml': scenario('    date: 2026-13-45') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.date": "2026-13-45" is not a date/m },
  { name: 'the 30th of February', files: { 'scenarios/broken.yaml': scenario('    date: 2026-02-30') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.date": "2026-02-30" is not a date/m },
  { name: 'a date in words', files: { 'scenarios/broken.yaml': scenario('    date: next friday') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.date": "next friday" is not a date \(YYYY-MM-DD\)/m },
  { name: 'a time past midnight', files: { 'scenarios/broken.yaml': scenario('    time: "25:99"') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.time": "25:99" is not a time/m },
  { name: 'a time as a number', files: { 'scenarios/broken.yaml': scenario('    time: 1930') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.time": 1930 is not a time/m },
  { name: 'a correction to an impossible time', files: { 'scenarios/broken.yaml': scenario('    time: "19:00"', 'corrections:\n    - { slot: time, to: "24:30" }\n').replace('\ncorrections', '\n  corrections') }, expected: /^slotcheck: scenarios\/broken\.yaml:6: field "user\.corrections\.0\.to": "24:30" is not a time/m },
  { name: 'an expected argument of the wrong type', files: { 'scenarios/broken.yaml': `${scenario('    party_size: 2')}expect:\n  action:\n    name: book_table\n    args: { party_size: many }\n` }, expected: /^slotcheck: scenarios\/broken\.yaml:8: field "expect\.action\.args\.party_size": "many" is not a whole number/m },
  { name: 'a scripted turn giving an impossible date', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n  script:\n    - say: on the 31st of November\n      gives: { date: 2026-11-31 }\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:6: field "user\.script\.0\.gives\.date": "2026-11-31" is not a date/m },
  { name: 'a value outside a categorical slot\'s values', files: { ...RICH_BOT, 'scenarios/broken.yaml': scenario('    seating: rooftop') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.seating": "rooftop" is not one of slot "seating"'s values \(indoor, outdoor\)/m },
  { name: 'a yes/no slot given "maybe"', files: { ...RICH_BOT, 'scenarios/broken.yaml': scenario('    vegetarian: maybe') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.vegetarian": "maybe" is not true or false/m },
  { name: 'an amount given as text', files: { ...RICH_BOT, 'scenarios/broken.yaml': scenario('    budget: cheap') }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.goal\.budget": "cheap" is not a number/m },
];
