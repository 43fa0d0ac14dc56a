import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export function registerFromTranscript(_scenarios: Command, _io: CliIO, _setExit: (code: number) => void): void {}
