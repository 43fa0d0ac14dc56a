export * from './task.js';
export * from './schema.js';
export * from './load.js';
export * from './tools.js';

