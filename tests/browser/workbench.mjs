// Browser test of the workbench's tabs (src/PatentNav.Api/wwwroot): 导入, 检索, 分析, 供需对接, 导航报告, in Debian's
// headless Chromium driven by playwright-core, each checked against what the Api answers to the same request.
//
//   node workbench.mjs <baseUrl> <artifactDir> <apiKey>
//
// The Api must have a write key (PatentNav:ApiKey) and open reads. Run by tests/PatentNav.Api.Tests
// (WorkbenchBrowserTests) against the real Api over the bundled sample; prints one line per check and exits 0 when all
// pass, 1 at the first failure. Screenshots of each tab go to <artifactDir>/workbench-<tab>.png (copied to docs/images).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [baseUrl, artifactDir, apiKey] = process.argv.slice(2);
if (!baseUrl || !artifactDir || !apiKey) {
  console.error('usage: node workbench.mjs <baseUrl> <artifactDir> <apiKey>');
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const BAD_ROWS = path.join(here, '..', '..', 'data-samples', 'fixtures', 'bad-rows.csv');
const CHROMIUM = process.env.PATENTNAV_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LONG = 240_000; // an analysis over the whole sample on a busy two-core machine
const started = Date.now();
const log = (message) => console.log(`ok   ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${message}`);

async function api(page, url, init) {
  const response = await page.request.fetch(`${baseUrl}${url}`, { timeout: LONG, ...(init || {}) });
  assert.ok(response.ok(), `${url}: HTTP ${response.status()} ${await response.text()}`);
  return response.json();
}

/** Runs a job through the Api as the page does (202 + Location, then polling) and returns its result. */
async function job(page, url, body) {
  const response = await page.request.post(`${baseUrl}${url}`, { data: body, timeout: LONG });
  assert.ok(response.status() === 202 || response.ok(), `${url}: HTTP ${response.status()} ${await response.text()}`);
  const location = response.headers().location;
  for (;;) {
    const state = await api(page, location);
    if (state.state === 'succeeded') return state.result;
    assert.ok(state.state === 'queued' || state.state === 'running', `${url}: job ${state.state}: ${state.error}`);
    await new Promise((resolve) => { setTimeout(resolve, 300); });
  }
}

const waitStatus = (page, id, states, timeout = LONG) => page.waitForFunction(
  ([el, wanted]) => wanted.includes(document.getElementById(el)?.dataset.state), [id, states], { timeout });

/** A screenshot of the tab from its top (the tabs, the form and the first results), as the README shows it. */
async function shoot(page, tab) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, document.getElementById('workbench-tabs').offsetTop - 8));
  await page.screenshot({ path: path.join(artifactDir, `workbench-${tab}.png`), fullPage: false });
}

async function statusOf(page, id) {
  return page.$eval(`#${id}`, (e) => ({ state: e.dataset.state, text: e.textContent }));
}

async function importTab(page) {
  await page.goto(`${baseUrl}/#import`, { waitUntil: 'load' });
  assert.ok(await page.locator('#tab-import').isVisible(), 'the 导入 tab is not shown for #import');
  assert.equal(await page.getAttribute('#tab-btn-import', 'aria-selected'), 'true', 'the 导入 tab is not selected');
  assert.ok(await page.locator('#tab-report').isHidden(), 'the report tab is shown next to the import tab');

  // Without the key: 401 in words, the key form appears, nothing is imported.
  await page.setInputFiles('#import-file', BAD_ROWS);
  await page.click('#import-submit');
  await waitStatus(page, 'import-status', ['error']);
  const refused = await statusOf(page, 'import-status');
  assert.match(refused.text, /API 密钥/, `without a key: ${refused.text}`);
  assert.ok(await page.locator('#key-form').isVisible(), 'no key form after the 401');

  // With the key: the report lists every rejected row with its row, column, value and reason.
  await page.fill('#api-key', apiKey);
  await page.click('#use-key');
  await page.click('#import-submit');
  await waitStatus(page, 'import-status', ['ready', 'error']);
  const done = await statusOf(page, 'import-status');
  assert.equal(done.state, 'ready', `the import failed: ${done.text}`);
  const imports = await api(page, '/api/imports');
  const mine = imports.find((r) => r.fileName === 'bad-rows.csv');
  assert.ok(mine, 'the Api has no import of bad-rows.csv');
  assert.ok(mine.rejected > 0, 'bad-rows.csv rejected nothing: the fixture changed?');
  const rows = await page.$$eval('#import-errors tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, mine.errors.length, `the page lists ${rows.length} rejected rows, the Api ${mine.errors.length}`);
  mine.errors.forEach((e, i) => {
    assert.equal(rows[i][0], String(e.row), `rejected row ${i}: row ${rows[i][0]} vs ${e.row}`);
    assert.equal(rows[i][1], e.column || '—', `rejected row ${i}: column`);
    assert.equal(rows[i][2], e.value ?? '', `rejected row ${i}: value`);
    assert.equal(rows[i][3], e.reason, `rejected row ${i}: reason`);
  });
  assert.match(done.text, new RegExp(`拒收 ${mine.rejected}`), `status: ${done.text}`);
  await page.waitForFunction(() => document.querySelectorAll('#import-list tbody tr').length >= 2, null, { timeout: 30_000 });
  log(`导入: 401 in words, then with the key ${mine.read} rows read, ${mine.rejected} rejected rows listed as the Api has them; ${imports.length} past imports`);
  await shoot(page, 'import');
}

async function searchTab(page) {
  await page.click('#tab-btn-search');
  assert.ok(await page.locator('#tab-search').isVisible(), 'the 检索 tab is not shown');
  assert.match(page.url(), /#search$/, `address after the tab click: ${page.url()}`);
  await page.fill('#search-q', '石墨烯');
  await page.click('#search-submit');
  await waitStatus(page, 'search-status', ['ready', 'error']);
  const expected = await api(page, `/api/search?${new URLSearchParams({ q: '石墨烯', size: '20' })}`);
  let status = await statusOf(page, 'search-status');
  assert.equal(status.state, 'ready', status.text);
  assert.match(status.text, new RegExp(`共 ${expected.total.toLocaleString('zh-CN')} 件`), `status ${status.text}, Api total ${expected.total}`);
  const hits = await page.$$eval('#search-results .hit', (items) => items.map((li) => ({
    title: li.querySelector('h4').textContent, marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
  })));
  assert.equal(hits.length, expected.items.length, 'page size');
  hits.forEach((hit, i) => {
    assert.equal(hit.title, expected.items[i].title, `hit ${i}: the title shows “${hit.title}”, the record has “${expected.items[i].title}” (text once)`);
  });
  assert.ok(hits.every((hit) => hit.marks.length > 0 && hit.marks.every((m) => m.includes('石墨烯') || '石墨烯'.includes(m))), 'a hit without its term marked');

  // Paging by cursor: the next page continues without repeating a patent.
  await page.click('#search-more');
  await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 20, null, { timeout: 60_000 });
  const numbers = await page.$$eval('#search-results .hit .meta', (m) => m.map((x) => x.textContent.split(' · ')[0]));
  assert.equal(new Set(numbers).size, numbers.length, 'the second page repeats a patent');

  // A facet value is a filter: the total becomes its count, and a chip shows it.
  const facet = await page.$eval('#search-facets .facet .facet-value', (b) => ({ label: b.firstChild.textContent, count: b.lastChild.textContent }));
  await page.click('#search-facets .facet .facet-value');
  await page.waitForFunction((count) => document.getElementById('search-status').textContent.includes(`共 ${count} 件`), facet.count, { timeout: 60_000 });
  assert.ok((await page.locator('#search-filters .chip').count()) >= 1, 'no chip for the facet filter');
  await shoot(page, 'search');
  log(`检索: ${expected.total} hits as the Api counts them, titles once with 石墨烯 marked, cursor page 2 without repeats, facet ${facet.label} → ${facet.count}`);

  // CSV of the same search.
  const csvHref = await page.getAttribute('#search-csv', 'href');
  assert.match(csvHref, /format=csv/, `CSV link ${csvHref}`);
  const csv = await page.request.get(`${baseUrl}${csvHref}`);
  assert.ok(csv.ok() && /publicationNumber|公开号/.test((await csv.text()).split('\n')[0]), 'the CSV download has no header line');

  // A patent's page: record, industries with their rule, places, similar patents, and a similar one opens in turn.
  await page.click('#search-results .hit h4 button');
  await page.waitForSelector('#patent-view dl.record', { timeout: 60_000 });
  const pn = await page.$eval('#patent-view dl.record dd', (dd) => dd.textContent);
  const record = await api(page, `/api/patents/${encodeURIComponent(pn)}`);
  assert.equal(await page.$eval('#patent-view h3', (e) => e.textContent), record.title, 'the patent page title');
  const industries = await api(page, `/api/patents/${encodeURIComponent(pn)}/industries`);
  const industryRows = await page.locator('#patent-view table.data').first().locator('tbody tr').count();
  if (industries.items.length) assert.equal(industryRows, industries.items.length, 'industries on the patent page');
  await page.waitForSelector('#patent-view ol.similar button', { timeout: 30_000 });
  const similar = await page.$eval('#patent-view ol.similar button', (b) => b.textContent.split(' ')[0]);
  await page.click('#patent-view ol.similar button');
  await page.waitForFunction((n) => document.querySelector('#patent-view dl.record dd')?.textContent === n, similar, { timeout: 30_000 });
  log(`检索: patent page of ${pn} (${industries.items.length} industries with rules), CSV download, similar patent ${similar} opens`);

  // A query the parser refuses: the error in words, naming the parameter.
  await page.fill('#search-q', 'title:(石墨烯');
  await page.click('#search-submit');
  await waitStatus(page, 'search-status', ['error']);
  status = await statusOf(page, 'search-status');
  assert.match(status.text, /请求有误/, `bad query: ${status.text}`);
  log(`检索: a bad query is refused in words: ${status.text.slice(0, 80)}`);
}

async function runAnalysis(page, kind) {
  await page.check(`#analysis-form input[name="kind"][value="${kind}"]`);
  await page.click('#analysis-submit');
  await waitStatus(page, 'analysis-status', ['ready', 'error']);
  const status = await statusOf(page, 'analysis-status');
  assert.equal(status.state, 'ready', `${kind}: ${status.text}`);
}

async function analysisTab(page) {
  await page.click('#tab-btn-analysis');
  await page.waitForFunction(() => document.querySelector('#analysis-place option[value="320771"]'), null, { timeout: 30_000 });
  assert.equal(await page.inputValue('#analysis-place'), '320771', 'the default place');
  assert.equal(await page.inputValue('#analysis-industry'), 'city:新材料', 'the default industry');
  const field = { place: '320771', industry: 'city:新材料' };

  await runAnalysis(page, 'positioning');
  const positioning = await api(page, `/api/positioning?${new URLSearchParams(field)}`);
  const shown = await page.$$eval('#analysis-view dl.figures dd', (dd) => dd.map((d) => d.firstChild.textContent));
  assert.equal(shown[0], positioning.placeInField.count.toLocaleString('zh-CN'), `patents in the field: ${shown[0]}`);
  assert.equal(shown[2], positioning.rta.toFixed(2), `RTA shown ${shown[2]}, the Api ${positioning.rta}`);
  assert.ok(await page.locator('#analysis-view svg.chart rect').count() > 0, 'no year chart');
  assert.ok(await page.locator('#analysis-view .method pre').count() > 0, 'no SQL statements');
  log(`分析/定位: ${shown[0]} patents, RTA ${shown[2]} as the Api, chart and SQL shown`);

  // Against the province instead of the workspace: the Api's figure for the same benchmark.
  await page.click('#analysis-form details.more-options summary');
  await page.fill('#analysis-benchmark', '32');
  await runAnalysis(page, 'positioning');
  const province = await api(page, `/api/positioning?${new URLSearchParams({ ...field, benchmark: '32' })}`);
  const rtaAgainst32 = await page.$$eval('#analysis-view dl.figures dd', (dd) => dd[2].firstChild.textContent);
  assert.equal(rtaAgainst32, province.rta.toFixed(2), `RTA against 32 shown ${rtaAgainst32}, the Api ${province.rta}`);
  assert.match(await page.$eval('#analysis-view p', (p) => p.textContent), new RegExp(province.benchmark.slice(0, 6)), 'the benchmark is not named');
  await page.fill('#analysis-benchmark', '');
  log(`分析/定位 against 32: RTA ${rtaAgainst32} as the Api`);

  // Chokepoints with the user's weights: the ranking is the Api's for the same weights.
  await page.check('#analysis-form input[name="kind"][value="chokepoints"]');
  assert.ok(await page.locator('#analysis-weights').isVisible(), 'no weight fields for chokepoints');
  await page.fill('#weight-value', '0');
  await page.fill('#weight-gap', '0');
  await page.fill('#weight-monopoly', '1');
  await page.fill('#weight-difficulty', '0');
  await runAnalysis(page, 'chokepoints');
  const weights = { value: 0, gap: 0, monopoly: 1, difficulty: 0 };
  const chokepoints = await job(page, '/api/chokepoints', { ...field, weights });
  const units = await page.$$eval('#chokepoint-ranking tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
  assert.deepEqual(units, chokepoints.entries.map((e) => `${e.unit}${e.terms && e.terms.length ? ` ${e.terms.join('、')}` : ''}${e.title || ''}`), 'the chokepoint ranking differs from the Api for the same weights');
  assert.equal(await page.locator('#analysis-view details.evidence').count(), chokepoints.entries.length, 'evidence per entry');
  await shoot(page, 'analysis');
  log(`分析/卡脖子: ${units.length} units ranked as the Api ranks them with weights monopoly 1 (top ${units[0]}), evidence per unit`);

  await runAnalysis(page, 'clusters');
  const dots = await page.locator('#analysis-view svg.map circle').count();
  const clusters = await page.locator('#analysis-view table.data tbody tr').count();
  assert.ok(dots > clusters && clusters >= 2, `cluster map: ${dots} circles, ${clusters} clusters`);
  log(`分析/聚类: ${clusters} clusters, ${dots} circles on the map`);

  await runAnalysis(page, 'trends');
  const trends = await api(page, `/api/trends?${new URLSearchParams({ industry: field.industry })}`);
  assert.equal(await page.locator('#analysis-view svg.chart rect').count(), trends.years.length, 'one bar a year');
  log(`分析/趋势: ${trends.years.length} years charted, lifecycle ${trends.lifecycle ? trends.lifecycle.label : '—'}`);

  await runAnalysis(page, 'applicants');
  const applicants = await api(page, `/api/applicants?${new URLSearchParams({ industry: field.industry, top: '30' })}`);
  const names = await page.$$eval('#analysis-view table.data tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
  assert.deepEqual(names, applicants.applicants.map((a) => a.name), 'applicant ranking');
  log(`分析/申请人: ${names.length} applicants as ranked by the Api`);

  await runAnalysis(page, 'highValue');
  assert.ok(await page.locator('#analysis-view table.data').count() >= 2, 'high-value tables');
  await runAnalysis(page, 'targets');
  const targets = await api(page, '/api/targets?place=320771');
  assert.equal(await page.locator('#analysis-view table.data tbody tr').count(), targets.targets.length, 'one row a target');
  log(`分析/高价值与目标: criteria and patents, ${targets.targets.length} targets with progress`);
}

async function matchTab(page) {
  await page.click('#tab-btn-match');
  const need = '需要高导热的石墨烯复合材料用于电池散热';
  await page.click('#match-submit');
  await waitStatus(page, 'match-status', ['error']);
  assert.match((await statusOf(page, 'match-status')).text, /text/, 'an empty need is not refused naming text');
  await page.fill('#match-text', need);
  await page.click('#match-submit');
  await waitStatus(page, 'match-status', ['ready', 'error']);
  const status = await statusOf(page, 'match-status');
  assert.equal(status.state, 'ready', status.text);
  const expected = await api(page, '/api/needs/match', { method: 'POST', data: { text: need } });
  const rows = await page.$$eval('#match-patents tbody tr', (trs) => trs.map((tr) => tr.cells[4].textContent));
  assert.deepEqual(rows, expected.patents.map((p) => p.reason), 'the matched patents and reasons differ from the Api');
  await shoot(page, 'match');
  log(`供需对接: ${rows.length} patents with reasons as the Api, ${expected.holders.length} holders`);
}

async function main() {
  await fs.mkdir(artifactDir, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(process.env.PATENTNAV_BROWSER_TMP || os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(tmp, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true, locale: 'zh-CN',
    viewport: { width: 1280, height: 900 }, timeout: 60_000,
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The 401 of the upload without a key and the refused query are expected; any other console error is not.
      if (m.type() === 'error' && !/status of (400|401)/.test(m.text())) errors.push(`console error: ${m.text()}`);
    });
    await importTab(page);
    await searchTab(page);
    await analysisTab(page);
    await matchTab(page);
    await page.click('#tab-btn-report');
    assert.ok(await page.locator('#report-form').isVisible(), 'the report tab shows no report form');
    log('导航报告: the tab shows the report form (navigation.mjs tests the report itself)');
    assert.deepEqual(errors, [], `the page logged errors:\n  ${errors.join('\n  ')}`);
  } finally {
    await context.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error('FAIL the workbench test did not finish within 480 s');
  process.exit(1);
}, 480_000);

main().then(() => {
  clearTimeout(watchdog);
  console.log(`all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, (error) => {
  clearTimeout(watchdog);
  console.error(`FAIL ${error && error.message ? error.message : error}`);
  process.exit(1);
});
