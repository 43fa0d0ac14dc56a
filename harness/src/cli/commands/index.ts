import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/**
 * Every command, in help order, loaded on demand: a command's module pulls in
 * its whole stage (refine, reports, the openai SDK…), and `analyze` should
 * not pay start-up time for `refine`.
 */
export const COMMANDS: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./run.js')).registerRun,
  analyze: async () => (await import('./analyze.js')).registerAnalyze,
  compare: async () => (await import('./compare.js')).registerCompare,
  validate: async () => (await import('./validate.js')).registerValidate,
  scenarios: async () => (await import('./scenarios.js')).registerScenarios,
  coverage: async () => (await import('./coverage.js')).registerCoverage,
  merge: async () => (await import('./merge.js')).registerMerge,
  example: async () => (await import('./example.js')).registerExample,
  schema: async () => (await import('./schema.js')).registerSchema,
  refine: async () => (await import('./refine.js')).registerRefine,
  guide: async () => (await import('./guide.js')).registerGuide,
};

/** The commands to register for argv: only the one invoked, or all of them (help, unknown command). */
export async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const name = argv[0];
  const loaders = name !== undefined && name in COMMANDS ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
}
