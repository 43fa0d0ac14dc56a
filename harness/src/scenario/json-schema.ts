import * as z from 'zod';
import { BotFileSchema } from '../bot/schema.js';
import { TaskSchema } from '../bot/task.js';
import { GuideSchema } from '../guide/schema.js';
import { ScenarioSchema } from './schema.js';
import { MatrixSpecSchema } from './matrix.js';
import { PriceTableSchema } from '../report/prices.js';

/** JSON Schemas for editor completion, generated from the zod schemas (the one source of truth). */
export function jsonSchemas(): Record<string, unknown> {
  const schema = (s: z.ZodType, id: string, title: string) => ({
    ...z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }),
    $id: id,
    title,
  });
  return {
    'scenario.schema.json': schema(ScenarioSchema, 'https://slotcheck.dev/schemas/scenario.schema.json', 'slotcheck scenario'),
    'bot.schema.json': schema(BotFileSchema, 'https://slotcheck.dev/schemas/bot.schema.json', 'slotcheck bot (bot.yaml)'),
    'task.schema.json': schema(TaskSchema, 'https://slotcheck.dev/schemas/task.schema.json', 'slotcheck task'),
    'guide.schema.json': schema(GuideSchema, 'https://slotcheck.dev/schemas/guide.schema.json', 'slotcheck guide (guides/<name>.json)'),
    'matrix.schema.json': schema(MatrixSpecSchema, 'https://slotcheck.dev/schemas/matrix.schema.json', 'slotcheck scenario matrix (scenarios generate --matrix)'),
    'prices.schema.json': schema(PriceTableSchema, 'https://slotcheck.dev/schemas/prices.schema.json', 'slotcheck price table (--prices)'),
  };
}
