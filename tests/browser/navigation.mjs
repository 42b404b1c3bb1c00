// Browser test of the park managers' page (src/PatentNav.Api/wwwroot): Debian's headless Chromium driven by playwright-core.
//
//   node navigation.mjs <baseUrl> <artifactDir> [<keyedBaseUrl> <apiKey>]
//
// With the last two: a second Api that requires the key for reads (PatentNav:RequireKeyForReads), on which the page must
// ask for the key, refuse a wrong one in words, then work with the right one (report, download, full report).
// Run by tests/PatentNav.Api.Tests (NavigationPageBrowserTests) against the real Api over the bundled sample; prints one
// line per check and exits 0 when all pass, 1 at the first failure. Chromium: PATENTNAV_CHROMIUM or /usr/bin/chromium
// (never a downloaded browser build: this machine has no network apart from the package registries).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const [baseUrl, artifactDir, keyedUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !artifactDir) {
  console.error('usage: node navigation.mjs <baseUrl> <artifactDir>');
  process.exit(2);
}

const CHROMIUM = process.env.PATENTNAV_CHROMIUM || '/usr/bin/chromium';
// Without these flags Chromium waits on connections this closed network never completes.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const REPORT_TIMEOUT = 240_000; // one report analyses the whole sample (trend, clusters, positioning, chokepoints)
const PARK = { value: '320771', label: '连云港经济技术开发区' };
const INDUSTRY = { value: 'city:新材料', label: '新材料' };
const SECTIONS = [['direction', '方向'], ['positioning', '定位'], ['paths', '路径']];
// Figures whose value legitimately differs between two generations of the same report.
const VOLATILE = new Set(['basis.generatedAt']);

const started = Date.now();
const log = (message) => console.log(`ok   ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${message}`);

/** The value at a camelCase JSON path (a.b.c, a.list[2].d or a.list.2.d); undefined when it is not there. */
function at(json, jsonPath) {
  let node = json;
  for (const part of jsonPath.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Whether data-value (the raw invariant value) is the JSON value: numbers by value, the rest as written. */
function sameValue(dataValue, value) {
  if (value === null) return dataValue === '' || dataValue === 'null';
  if (typeof value === 'number') return dataValue.trim() !== '' && Number(dataValue) === value;
  if (typeof value === 'boolean' || typeof value === 'string') return dataValue === String(value);
  return false; // a figure is one scalar, never an object or a list
}

/** Every [data-figure] under root, in document order. */
async function figuresOf(page, root) {
  return page.$$eval(`${root} [data-figure]`, (elements) => elements.map((e) => ({
    path: e.getAttribute('data-figure'),
    value: e.getAttribute('data-value'),
    text: e.textContent.trim(),
    section: e.closest('section[id]') ? e.closest('section[id]').id : '',
  })));
}

function checkFigures(figures, json, where) {
  const problems = [];
  for (const f of figures) {
    if (VOLATILE.has(f.path)) continue;
    if (f.value === null) {
      problems.push(`${f.path} (“${f.text}”) has no data-value`);
      continue;
    }
    const value = at(json, f.path);
    if (value === undefined) {
      problems.push(`${f.path} (“${f.text}”, data-value ${f.value}) is not a path of the JSON report`);
    } else if (!sameValue(f.value, value)) {
      problems.push(`${f.path}: data-value ${JSON.stringify(f.value)} (shown “${f.text}”) but the JSON has ${JSON.stringify(value)}`);
    }
  }
  assert.equal(problems.length, 0, `${where}: ${problems.length} of ${figures.length} figures differ from the JSON report:\n  ${problems.join('\n  ')}`);
}

async function checkSections(page, root, where) {
  for (const [id, word] of SECTIONS) {
    const heading = await page.locator(`${root} section#${id} h2`).first().textContent({ timeout: 5_000 }).catch(() => null);
    assert.ok(heading !== null, `${where}: no <section id="${id}"> with an <h2>`);
    assert.ok(heading.includes(word), `${where}: the heading of section#${id} is “${heading.trim()}”, without ${word}`);
  }
}

/** Charts: figure.pn-chart[data-chart] holding an <svg> with drawn shapes and a visible size. */
async function checkCharts(page, root, where) {
  const charts = await page.$$eval(`${root} figure.pn-chart[data-chart]`, (figures) => figures.map((f) => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    return {
      name: f.getAttribute('data-chart'),
      svg: Boolean(svg),
      shapes: svg ? svg.querySelectorAll('rect, path, circle, line, polyline, polygon, ellipse').length : 0,
      width: box ? box.width : 0,
      height: box ? box.height : 0,
    };
  }));
  const drawn = charts.filter((c) => c.svg && c.shapes > 0 && c.width > 0 && c.height > 0);
  const empty = charts.filter((c) => !drawn.includes(c)).map((c) => `${c.name} (svg ${c.svg}, ${c.shapes} shapes, ${c.width}×${c.height})`);
  assert.ok(drawn.length >= 3, `${where}: ${drawn.length} charts drawn as SVG (need ≥ 3) of ${charts.length}; empty: ${empty.join(', ')}`);
  return { drawn, empty };
}

async function main() {
  await fs.mkdir(artifactDir, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(process.env.PATENTNAV_BROWSER_TMP || os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(tmp, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`); });
    page.on('requestfailed', (r) => { if (!/aborted/i.test(r.failure()?.errorText || '')) pageErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); });

    // 1. The home page with its lists, defaults preselected.
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#status')?.dataset.state === 'idle', null, { timeout: 30_000 });
    assert.equal(await page.inputValue('#place'), PARK.value, 'the default place is not 320771');
    assert.equal(await page.inputValue('#industry'), INDUSTRY.value, 'the default industry is not city:新材料');
    const groups = await page.$$eval('#place optgroup', (g) => g.map((x) => x.label));
    assert.deepEqual(groups.slice(0, 3), ['园区', '市', '区县'], `place groups: ${groups}`);
    const industries = await page.$$eval('#industry option', (o) => o.map((x) => x.value));
    assert.deepEqual(industries.slice(0, 5), ['city:高端石化', 'city:新医药', 'city:新材料', 'city:海工装备', 'city:新能源'], `first industries: ${industries.slice(0, 5)}`);
    assert.ok(industries.some((v) => v.startsWith('sei:')), 'no SEI industry in the list');
    assert.ok(await page.locator('a[href="/swagger"]').isVisible(), 'no visible link to /swagger');
    for (const id of ['place', 'industry']) {
      assert.ok(await page.locator(`label[for="${id}"]`).count() === 1, `#${id} has no label`);
    }
    log(`home page: ${groups.join(' / ')} places, ${industries.length} industries, defaults preselected`);

    // 2. A user picks another park and industry, then the park and industry of the report, and clicks 生成报告.
    await page.selectOption('#place', { label: '徐圩新区（连云港石化产业基地）' });
    await page.selectOption('#industry', { label: '高端石化' });
    assert.equal(await page.inputValue('#place'), 'xuwei');
    await page.selectOption('#place', { label: PARK.label });
    await page.selectOption('#industry', { label: INDUSTRY.label });
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#status')?.dataset.state), null, { timeout: REPORT_TIMEOUT });
    const status = await page.textContent('#status');
    assert.equal(await page.getAttribute('#status', 'data-state'), 'ready', `the report did not load: ${status}`);
    await page.waitForSelector('#report-view article.pn-report', { timeout: 5_000 });
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('place'), PARK.value, `URL not in sync: ${page.url()}`);
    assert.equal(url.searchParams.get('industry'), INDUSTRY.value, `URL not in sync: ${page.url()}`);
    log(`report generated: ${status.trim()} (URL ${url.search})`);

    // 3. The three parts.
    await checkSections(page, '#report-view article.pn-report', 'page');
    log('sections 方向 (direction), 定位 (positioning), 路径 (paths) with their headings');

    // 4. Every key number against the JSON report of the same parameters.
    const query = `place=${encodeURIComponent(PARK.value)}&industry=${encodeURIComponent(INDUSTRY.value)}`;
    const response = await fetch(`${baseUrl}/api/reports/navigation?${query}&format=json`);
    assert.equal(response.status, 200, `format=json answered ${response.status}: ${await response.clone().text()}`);
    const json = await response.json();
    const figures = await figuresOf(page, '#report-view');
    assert.ok(figures.length >= 10, `only ${figures.length} [data-figure] elements in the report`);
    for (const [id] of SECTIONS) {
      assert.ok(figures.some((f) => f.section === id), `no [data-figure] in section#${id}`);
    }
    checkFigures(figures, json, 'page');
    const skipped = figures.filter((f) => VOLATILE.has(f.path)).length;
    log(`${figures.length} figures match the JSON report (${new Set(figures.map((f) => f.path)).size} paths${skipped ? `, ${skipped} generation-time figures not compared` : ''}), e.g. ${figures.slice(0, 3).map((f) => `${f.path}=${f.value}`).join(', ')}`);

    // 5. Charts as SVG.
    const { drawn, empty } = await checkCharts(page, '#report-view', 'page');
    log(`${drawn.length} charts drawn as SVG: ${drawn.map((c) => c.name).join(', ')}${empty.length ? `; without shapes: ${empty.join(', ')}` : ''}`);

    // 6. Download links built from the same parameters.
    const links = Object.fromEntries(await page.$$eval('#downloads a[data-format]', (as) => as.map((a) => [a.dataset.format, a.getAttribute('href')])));
    assert.ok(await page.locator('#downloads').isVisible(), 'the download links are not shown');
    for (const format of ['html', 'md', 'json', 'csv', 'xlsx']) {
      assert.ok(links[format], `no ${format} download link`);
      const q = new URL(links[format], baseUrl).searchParams;
      assert.equal(q.get('place'), PARK.value, `${format} link: ${links[format]}`);
      assert.equal(q.get('industry'), INDUSTRY.value, `${format} link: ${links[format]}`);
      assert.equal(q.get('format'), format, `${format} link: ${links[format]}`);
    }
    log(`download links: ${Object.values(links).join(' ')}`);

    // 7. The HTML download: a complete, self-contained document with the same figures and charts.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: REPORT_TIMEOUT }), page.click('#downloads a[data-format="html"]')]);
    const downloaded = await download.path();
    const html = await fs.readFile(downloaded, 'utf8');
    assert.match(download.suggestedFilename(), /\.html?$/i, `downloaded file name ${download.suggestedFilename()}`);
    assert.match(html.trimStart(), /^<!doctype html>/i, 'the download does not start with <!doctype html>');
    assert.match(html, /<\/html>\s*$/i, 'the download does not end with </html>');
    assert.match(html, /<meta charset="?utf-8"?/i, 'the download declares no UTF-8 charset');
    assert.ok(html.includes('<svg'), 'the download has no <svg');
    await fs.writeFile(path.join(artifactDir, 'navigation-report.html'), html);
    const offline = await context.newPage();
    const external = [];
    await offline.route('**/*', (route) => { external.push(route.request().url()); return route.abort(); });
    await offline.setContent(html, { waitUntil: 'load' });
    assert.deepEqual(external, [], `the downloaded report loads resources: ${external.join(', ')}`);
    await checkSections(offline, 'body', 'download');
    const downloadedFigures = await figuresOf(offline, 'body');
    checkFigures(downloadedFigures, json, 'download');
    const key = (f) => `${f.path}=${f.value}`;
    const onPage = figures.filter((f) => !VOLATILE.has(f.path)).map(key).sort();
    const inFile = downloadedFigures.filter((f) => !VOLATILE.has(f.path)).map(key).sort();
    assert.deepEqual(inFile, onPage, 'the downloaded report shows other figures than the page');
    await checkCharts(offline, 'body', 'download');
    await offline.close();
    log(`HTML download ${download.suggestedFilename()}: complete document, no external resource, same ${inFile.length} figures, charts as SVG`);

    // 8. Screenshots: the whole page, and its top down to the report's first chart (form, downloads, the report's
    // opening), of which docs/images/navigation-page.png is a copy (the whole page is over 10,000 px tall).
    await page.mouse.move(0, 0); // no hover highlight on the download link just clicked
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.screenshot({ path: path.join(artifactDir, 'navigation-page.png'), fullPage: true });
    const top = await page.$eval('#report-view figure.pn-chart', (f) => Math.ceil(f.getBoundingClientRect().bottom + window.scrollY + 24));
    await page.screenshot({ path: path.join(artifactDir, 'navigation-page-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: top } });
    log(`screenshots ${path.join(artifactDir, 'navigation-page.png')} and navigation-page-top.png`);

    // 9. A forwarded link opens the same report.
    const forwarded = await context.newPage();
    await forwarded.goto(page.url(), { waitUntil: 'load' });
    await forwarded.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#status')?.dataset.state), null, { timeout: REPORT_TIMEOUT });
    assert.equal(await forwarded.getAttribute('#status', 'data-state'), 'ready', `the forwarded link did not load: ${await forwarded.textContent('#status')}`);
    assert.equal(await forwarded.inputValue('#place'), PARK.value);
    assert.equal(await forwarded.inputValue('#industry'), INDUSTRY.value);
    assert.deepEqual((await figuresOf(forwarded, '#report-view')).filter((f) => !VOLATILE.has(f.path)).map(key).sort(), onPage, 'the forwarded link shows other figures');
    await forwarded.close();
    log('the page URL, opened in a new tab, shows the same report');

    // 10. A bad request typed into the URL: the ProblemDetails in words, naming the parameter.
    await page.goto(`${baseUrl}/?place=atlantis&industry=${encodeURIComponent(INDUSTRY.value)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#status')?.dataset.state), null, { timeout: REPORT_TIMEOUT });
    const problem = (await page.textContent('#status')).trim();
    assert.equal(await page.getAttribute('#status', 'data-state'), 'error', `an unknown place gave no error: ${problem}`);
    assert.ok(problem.includes('place') && problem.includes('atlantis') && problem.includes('参数'), `the error does not name the parameter and value: ${problem}`);
    assert.equal(await page.locator('#report-view article').count(), 0, 'a report is shown next to the error');
    assert.ok(await page.locator('#downloads').isHidden(), 'download links are shown for a failed request');
    await page.screenshot({ path: path.join(artifactDir, 'navigation-error.png'), fullPage: false });
    log(`unknown place in the URL: “${problem}”`);

    assert.deepEqual(pageErrors.filter((e) => !e.includes('400')), [], `the page logged errors:\n  ${pageErrors.join('\n  ')}`);
    log('no script error, CSP violation or failed request on the page');

    if (keyedUrl) {
      await withKey(context, keyedUrl, apiKey);
    }
  } finally {
    await context.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** 11. A service that requires the API key for reads: the page asks for it, names a wrong one, works with the right one. */
async function withKey(context, keyedUrl, key) {
  const refused = await fetch(`${keyedUrl}/api/places`);
  assert.equal(refused.status, 401, `the keyed Api answered ${refused.status} without a key: it does not require one`);
  const page = await context.newPage();
  const scriptErrors = [];
  page.on('pageerror', (e) => scriptErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/\b401\b/.test(m.text())) scriptErrors.push(`console error: ${m.text()}`); });
  const settled = () => page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#status')?.dataset.state), null, { timeout: REPORT_TIMEOUT });

  await page.goto(`${keyedUrl}/?place=${encodeURIComponent(PARK.value)}&industry=${encodeURIComponent(INDUSTRY.value)}`, { waitUntil: 'load' });
  await settled();
  let status = (await page.textContent('#status')).trim();
  assert.equal(await page.getAttribute('#status', 'data-state'), 'error', `without a key: ${status}`);
  assert.ok(status.includes('需要 API 密钥') && status.includes('401'), `without a key the page does not ask for one: ${status}`);
  assert.ok(await page.locator('#key-form').isVisible(), 'no key field shown after a 401');
  assert.ok(await page.locator('label[for="api-key"]').count() === 1, '#api-key has no label');
  log(`keyed Api, no key: “${status}”, key field shown`);

  await page.fill('#api-key', `${key}-wrong`);
  await page.getByRole('button', { name: '使用此密钥' }).click();
  await page.waitForFunction(() => document.querySelector('#status')?.textContent.includes('API 密钥无效'), null, { timeout: 30_000 });
  status = (await page.textContent('#status')).trim();
  assert.ok(await page.locator('#key-form').isVisible(), 'the key field was hidden after a wrong key');
  log(`a wrong key: “${status}”`);

  await page.fill('#api-key', key);
  await page.getByRole('button', { name: '使用此密钥' }).click();
  await page.waitForSelector('#key-form', { state: 'hidden', timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('#status')?.dataset.state === 'ready'
    || (document.querySelector('#status')?.dataset.state === 'error' && !document.querySelector('#status').textContent.includes('API 密钥')), null, { timeout: REPORT_TIMEOUT });
  status = (await page.textContent('#status')).trim();
  assert.equal(await page.getAttribute('#status', 'data-state'), 'ready', `with the key the report did not load: ${status}`);
  await checkSections(page, '#report-view article.pn-report', 'page with key');
  log(`with the key: ${status}`);

  // Downloads: plain links cannot send the header, so the page fetches them with it.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: REPORT_TIMEOUT }), page.click('#downloads a[data-format="html"]')]);
  const html = await fs.readFile(await download.path(), 'utf8');
  assert.match(html.trimStart(), /^<!doctype html>/i, `the HTML download with the key is not a report: ${html.slice(0, 200)}`);
  assert.match(download.suggestedFilename(), /\.html?$/i, `downloaded file name ${download.suggestedFilename()}`);
  const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: REPORT_TIMEOUT }), page.click('#downloads a[data-format="xlsx"]')]);
  const bytes = await fs.readFile(await xlsx.path());
  assert.ok(bytes.length > 1000 && bytes[0] === 0x50 && bytes[1] === 0x4b, `the XLSX download with the key is not a workbook (${bytes.length} bytes)`);
  const [full] = await Promise.all([context.waitForEvent('page', { timeout: 30_000 }), page.click('#open-full')]);
  await full.waitForFunction(() => document.querySelector('section#direction h2') !== null, null, { timeout: REPORT_TIMEOUT });
  await checkSections(full, 'body', 'full report opened with the key');
  await full.close();
  assert.deepEqual(scriptErrors, [], `the keyed page logged errors:\n  ${scriptErrors.join('\n  ')}`);
  log(`with the key: HTML download ${download.suggestedFilename()}, XLSX ${xlsx.suggestedFilename()} (${bytes.length} bytes), the full report in a new window`);
  await page.close();
}

const watchdog = setTimeout(() => {
  console.error(`FAIL the browser test did not finish within 480 s`);
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
