/** slotcheck as a library: every stage's public surface, named exports only. */
export * from './core/errors.js';
export type { RunEvent, EventListener } from './core/events.js';
export * from './scenario/index.js';
export * from './bot/index.js';
export * from './model/index.js';
export * from './refine/index.js';
export * from './guide/index.js';
export * from './simulate/index.js';
export * from './transcript/index.js';
export * from './annotate/index.js';
export * from './detect/index.js';
export * from './report/index.js';
export * from './evaluate/index.js';
export * from './pipeline/index.js';
export * from './coverage/index.js';
export { parseShard, inShard, type Shard } from './simulate/shard.js';
export { endpointFromEnv, isModelConfigured, type ModelEndpoint } from './config.js';
export { main } from './cli/main.js';
