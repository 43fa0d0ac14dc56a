import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPTED_BOTS, startFakeOpenAIServer, type FakeServer, type Responder } from '../src/testing/index.js';
import { REPO_ROOT, makeProject, removeProject, runCli } from './helpers.js';

const CHROMIUM = process.env.SLOTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = join(REPO_ROOT, 'harness/test/output/report-html.png');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUN_FILES = ['transcripts.jsonl', 'failures.jsonl', 'summary.json', 'report.md', 'report.html', 'junit.xml', 'failures.csv'];

if (!HAS_CHROMIUM) console.warn(`report.html browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set SLOTCHECK_CHROMIUM)`);

/**
 * Careful until `turnEager()`; then eager in every third conversation, careful otherwise (with --concurrency 1):
 * some scenarios flaky, some passing. One model name for both runs, so "since the previous run" compares them.
 */
function sometimesEager(): Responder & { turnEager(): void } {
  let conversations = 0;
  let eager = false;
  const responder: Responder = (request, context) => {
    if (request.messages.filter((m) => m.role !== 'system').length === 1) conversations += 1;
    return (eager && conversations % 3 === 1 ? SCRIPTED_BOTS.eager! : SCRIPTED_BOTS.careful!)(request, context);
  };
  return Object.assign(responder, {
    turnEager() {
      eager = true;
      conversations = 0;
    },
  });
}

describe('a run against the fake server writes every report file', () => {
  let server: FakeServer;
  let project: string;
  let out: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const bot = sometimesEager();
    server = await startFakeOpenAIServer({ responders: { 'sometimes-eager': bot } });
    project = await makeProject();
    await copyFile(join(REPO_ROOT, 'harness/test/fixtures/markup-in-text.yaml'), join(project, 'scenarios/restaurant/markup-in-text.yaml'));
    await mkdir(join(project, 'guides'));
    await copyFile(join(REPO_ROOT, 'harness/test/fixtures/guide-restaurant.json'), join(project, 'guides/restaurant.json'));
    // Two runs, so the page has a trend and a "since the previous run" section.
    const env = { OPENAI_BASE_URL: server.url };
    expect((await runCli(['run', '--model', 'sometimes-eager', '--trials', '2'], { cwd: project, env })).code).toBe(0);
    bot.turnEager();
    expect((await runCli(['run', '--model', 'sometimes-eager', '--trials', '2', '--concurrency', '1'], { cwd: project, env })).code).toBe(1);
    out = join(project, 'reports/latest');
  });
  afterAll(async () => {
    await browser?.close();
    await server.close();
    await removeProject(project);
  });

  it('writes the run files, history.jsonl and the latest/ link', async () => {
    for (const file of RUN_FILES) expect(existsSync(join(out, file)), file).toBe(true);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    const history = (await readFile(join(project, 'reports/history.jsonl'), 'utf8')).trim().split('\n');
    expect(history).toHaveLength(2);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/## Since the previous run\n\nCompared with `[\w-]+` \(.+\), the last run of the same model, bots and scenarios: pass rate 100 % → \d+ %, \*\*\d+ new\*\*, 0 fixed\./);
    expect(report).toContain('- 🆕 new: `markup-in-text` premature-action (1/2 trials)');
    expect(JSON.parse(history[1]!).dir).toBe(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).runId);
  });

  describe.skipIf(!HAS_CHROMIUM)('report.html in headless Chromium', () => {
    let page: Page;
    const problems: string[] = [];
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`); });
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
    });

    it('loads with no console errors and no network requests', async () => {
      // The script ran: it fills the counter.
      expect(await page.locator('#filter-count').textContent()).toBe('7 of 7 shown');
      expect(problems).toEqual([]);
    });

    it('shows markup from transcripts as inert text', async () => {
      const markup = page.locator('details#' + (await page.locator('details.conversation[data-key="markup-in-text"]').first().getAttribute('id')));
      await markup.locator('summary').click();
      const texts = await markup.locator('.bubble').allTextContents();
      expect(texts).toContain('Hi <script>window.__pwned = 1</script>! The date is 2026-12-03 and the party size is 2.');
      expect(texts).toContain('The name is <img src=x onerror="window.__pwned=2">');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(problems).toEqual([]);
    });

    it('filters the scenario table and the conversations by status and class, and marks flaky scenarios', async () => {
      const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { scenarios: Array<{ id: string; passes: number; failed: number }> };
      const flaky = summary.scenarios.filter((s) => s.passes > 0 && s.failed > 0).map((s) => s.id).sort();
      const passing = summary.scenarios.filter((s) => s.failed === 0).map((s) => s.id).sort();
      expect(flaky.length).toBeGreaterThan(0);
      expect(passing.length).toBeGreaterThan(0);
      const visibleKeys = async (selector: string) => (await page.locator(`${selector}:visible`).evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''))).sort();
      await page.selectOption('#filter-status', 'flaky');
      expect(await visibleKeys('#scenario-table tbody tr')).toEqual(flaky);
      expect(await page.locator('#scenario-table tbody tr:visible .flaky').count()).toBe(flaky.length);
      expect(new Set(await visibleKeys('details.conversation'))).toEqual(new Set(flaky));
      await page.selectOption('#filter-status', 'pass');
      expect(await visibleKeys('#scenario-table tbody tr')).toEqual(passing);
      await page.selectOption('#filter-status', '');
      await page.selectOption('#filter-class', 'premature-action');
      expect(await visibleKeys('#scenario-table tbody tr')).toEqual(flaky);
      await page.fill('#filter-text', 'markup');
      expect(await visibleKeys('#scenario-table tbody tr')).toEqual(flaky.filter((id) => id.includes('markup')));
      await page.fill('#filter-text', '');
      await page.selectOption('#filter-class', '');
    });

    it('highlights the flagged message with its class and evidence, and a row link opens the conversation', async () => {
      const link = page.locator('#scenario-table tbody tr a.conv-link.o-fail').first();
      const anchor = (await link.getAttribute('href'))!.slice(1);
      await link.click();
      const conversation = page.locator(`details#${anchor}`);
      // The page opens it from its hashchange handler: wait for that rather than race it.
      await page.locator(`details#${anchor}[open]`).waitFor({ timeout: 5000 });
      expect(await conversation.getAttribute('open')).not.toBeNull();
      const flagged = conversation.locator('li.msg.flagged');
      expect(await flagged.count()).toBe(1);
      expect(await flagged.locator('.tool-call .tool-name').textContent()).toContain('book_table');
      expect(await flagged.locator('.flag').textContent()).toMatch(/premature-action: .+/);
      const guide = flagged.locator('.flag a[href$="guides/restaurant.json"]');
      expect(await guide.textContent()).toBe('Keep confirming the values separate from authorising the action');
      expect(await page.locator('#trend polyline.pass-rate').getAttribute('points')).toMatch(/^[\d.]+,[\d.]+ [\d.]+,[\d.]+$/);
      expect(await page.locator('#since-last').textContent()).toMatch(/new/);
      await mkdir(join(REPO_ROOT, 'harness/test/output'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await writeFile(join(REPO_ROOT, 'harness/test/output/README.md'), 'Written by the browser test (report-html-browser.test.ts); git-ignored.\n');
      expect(problems).toEqual([]);
    });

    it('sorts the scenario table by a column', async () => {
      await page.click('#scenario-table thead th:nth-child(5)');
      const failed = await page.locator('#scenario-table tbody tr td:nth-child(5)').allTextContents();
      expect(failed.map(Number)).toEqual([...failed.map(Number)].sort((a, b) => a - b));
      await page.click('#scenario-table thead th:nth-child(5)');
      const descending = await page.locator('#scenario-table tbody tr td:nth-child(5)').allTextContents();
      expect(descending.map(Number)).toEqual([...descending.map(Number)].sort((a, b) => b - a));
    });
  });
});
