import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { registerGuideApply } from './guide-apply.js';
import { registerGuideCheck } from './guide-check.js';
import { registerGuideVerify } from './guide-verify.js';

/** `slotcheck guide check|apply|verify`: using the guides refine writes. */
export function registerGuide(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const guide = program.command('guide').description('use the guides refine writes: check a guide and a prompt against it, apply it to a prompt, verify its principles transfer');
  registerGuideCheck(guide, io, setExit);
  registerGuideApply(guide, io, setExit);
  registerGuideVerify(guide, io, setExit);
}
