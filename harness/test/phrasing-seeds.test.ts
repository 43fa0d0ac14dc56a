import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, runCli, useServerProject } from './helpers.js';

interface Line { trial: number; seed?: number; outcome: string; messages: Array<{ role: string; content: string | null }> }
const userTexts = (line: Line) => line.messages.filter((m) => m.role === 'user').map((m) => m.content);

/** Trials of the rule-based user word things differently; the seed is recorded and replays the wording exactly. */
describe('the rule-based user\'s wording: a seed per trial', () => {
  const t = useServerProject();

  it('trials differ, every one passes against the careful bot, and a recorded seed replays its wording', async () => {
    const run = await runCli(['run', 'scenarios/restaurant/dinner-for-four.yaml', '--model', 'careful', '--trials', '6', '--out', 'trials', '--no-history'], { cwd: t.project, env: t.env });
    expect(run.code).toBe(0);
    const lines = (await readJsonl<Line>(join(t.project, 'trials', 'transcripts.jsonl'))).sort((a, b) => a.trial - b.trial);
    expect(lines.every((l) => l.outcome === 'pass' && Number.isInteger(l.seed))).toBe(true);
    expect(new Set(lines.map((l) => userTexts(l).join('\n'))).size).toBeGreaterThan(2);

    const chosen = lines[3]!;
    const path = join(t.project, 'scenarios/restaurant/dinner-for-four.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('  goAhead: when-asked', `  goAhead: when-asked\n  seed: ${chosen.seed}`));
    expect((await runCli(['run', 'scenarios/restaurant/dinner-for-four.yaml', '--model', 'careful', '--trials', '2', '--out', 'pinned', '--no-history'], { cwd: t.project, env: t.env })).code).toBe(0);
    const pinned = await readJsonl<Line>(join(t.project, 'pinned', 'transcripts.jsonl'));
    for (const line of pinned) {
      expect(line.seed).toBe(chosen.seed);
      expect(userTexts(line)).toEqual(userTexts(chosen));
    }
  });
});
