import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Best of three runs of floor-client.js (its own process, like slotcheck): the conversation phase with no harness at all. */
export async function bareClientFloor(url: string, conversations: number, turns: number, concurrency: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'floor-client.js'), url, String(conversations), String(turns), String(concurrency)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`floor-client exited ${code}`);
    runs.push((JSON.parse(out) as { phaseS: number }).phaseS);
  }
  return Math.min(...runs);
}
