'use strict';
/* Browser tests of hindsight's web view (web/README.md is the contract).
 *
 * Run by tests/browser/run.sh, which indexes corpus/ plus one hostile
 * postmortem, writes the static site and starts `hindsight serve`:
 *   HS_SITE_DIR      the static site (opened from file://)
 *   HS_LIVE_URL      http://127.0.0.1:PORT of `hindsight serve` on the same index
 *   HS_SCREENSHOTS   where the PNGs go (build/screenshots)
 *   HS_HOSTILE_ID    id of the hostile postmortem
 *   HS_AS_OF         the --as-of date of the site (overdue badges)
 *   HS_ALERT_FIXTURE an Alertmanager webhook body to POST to /api/alerts
 *
 * One chromium for all tests; each test opens its own page(s). Every page
 * records requests that would leave the machine, console errors, page
 * errors and dialogs; a test fails on any of them, and the last test checks
 * them over every page of the run.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '../..');
const SITE = process.env.HS_SITE_DIR || path.join(REPO, 'build/browser/site');
const LIVE = (process.env.HS_LIVE_URL || '').replace(/\/$/, '');
// a library longer than a page (tests/browser/run.sh: 250 postmortems)
const BIG_SITE = process.env.HS_BIG_SITE_DIR || path.join(REPO, 'build/browser/big-site');
const BIG_LIVE = (process.env.HS_BIG_LIVE_URL || '').replace(/\/$/, '');
const N_BIG = 250, PAGE_ROWS = 100;
const SHOTS = process.env.HS_SCREENSHOTS || path.join(REPO, 'build/screenshots');
const HOSTILE = process.env.HS_HOSTILE_ID || '2026-10-22-hostile-markup';
const AS_OF = process.env.HS_AS_OF || '2026-11-24';
const FIXTURE = process.env.HS_ALERT_FIXTURE || path.join(REPO, '../shared/fixtures/alertmanager-v4-firing.json');
const CHROMIUM = process.env.HS_CHROMIUM || '/usr/bin/chromium';
const N_PM = 45; // corpus/ (44) + the hostile one
const STEP_TIMEOUT = 10000;

/* A title as pages show it: a bidirectional control (U+202E) as "\u202e"
   (web/app.js and the server's escaper), so it cannot reorder the text. */
const shown = s => String(s).replace(/[\u202a-\u202e\u2066-\u2069]/g, c => '\\u' + c.charCodeAt(0).toString(16));
const siteUrl = (rel, hash = '') => pathToFileURL(path.join(SITE, rel)).href + hash;
const pmFile = id => `pm/${id}.html`;

/* ------------------------------------------------------------------ */
/* The browser, pages and what they record                            */

let browser;
const visited = [];  // every main-frame URL of the run
const problems = []; // {test, kind, detail, page}

before(async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE} (run tests/browser/run.sh)`);
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/* Requests that stay on this machine: the site on disk and the server under
   test. data: URLs (the inline favicon) are not requests to anywhere. */
function allowed(url) {
  if (url.startsWith('file://')) return true;
  if (LIVE && (url === LIVE || url.startsWith(LIVE + '/'))) return true;
  if (BIG_LIVE && (url === BIG_LIVE || url.startsWith(BIG_LIVE + '/'))) return true;
  return url.startsWith('data:') || url === 'about:blank';
}

async function openPage(testName, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport || { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  // Nothing may leave the machine: record it (below) and never send it.
  await context.route(u => !allowed(u.href), route => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.problems = [];
  const note = (kind, detail) => {
    const p = { test: testName, kind, detail, page: page.url() };
    page.problems.push(p);
    problems.push(p);
  };
  page.on('request', r => { if (!allowed(r.url())) note('request off the machine', r.url()); });
  page.on('console', m => {
    const text = `${m.text()} (${m.location().url || '?'})`;
    // a refusal a test asks for on purpose (page.expectedError) is no problem
    if (m.type() === 'error' && !(page.expectedError && page.expectedError.test(text))) note('console error', text);
  });
  page.on('pageerror', e => note('page error', String(e && e.stack || e)));
  page.on('dialog', d => {
    note('dialog', `${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('framenavigated', f => { if (f === page.mainFrame()) visited.push(f.url()); });
  return page;
}

/* A test whose pages are checked for problems at its end. fn(open, t):
   open(opts) gives a new page. */
function pageTest(name, fn) {
  test(name, async t => {
    const pages = [];
    const open = async opts => { const p = await openPage(name, opts); pages.push(p); return p; };
    let failure = null;
    try {
      await fn(open, t);
    } catch (e) {
      failure = e;
    }
    const found = pages.flatMap(p => p.problems);
    await Promise.all(pages.map(p => p.context().close().catch(() => {})));
    if (failure) {
      if (found.length) failure.message += `\nalso recorded: ${JSON.stringify(found, null, 1)}`;
      throw failure;
    }
    assert.deepEqual(found, [], 'requests off the machine, console errors, page errors or dialogs');
  });
}

/* A PNG for people in build/screenshots: the whole page (cut at 4000 px),
   or with full = false what the viewport shows. */
async function shot(page, name, full = true) {
  const opts = { path: path.join(SHOTS, name) };
  if (full) {
    const size = await page.evaluate(() => ({ w: window.innerWidth, h: document.documentElement.scrollHeight }));
    Object.assign(opts, { fullPage: true, clip: { x: 0, y: 0, width: size.w, height: Math.min(size.h, 4000) } });
  }
  await page.screenshot(opts);
}

/* ------------------------------------------------------------------ */
/* Reading pages                                                      */

/* app.js has run once #hs-count reads "N of M postmortems". */
async function waitCount(page, text) {
  await page.waitForFunction(want => {
    const c = document.getElementById('hs-count');
    return c && (want ? c.textContent.trim() === want : / of \d+ postmortem/.test(c.textContent));
  }, text || null);
  return (await page.textContent('#hs-count')).trim();
}

/* The rows of #hs-pm-table, with what the filters and sorting work on. */
function tableRows(page) {
  return page.$$eval('#hs-pm-table tbody tr', trs => trs.map(r => {
    const sev = /^SEV([1-4])$/i.exec(r.getAttribute('data-severity') || '');
    const a = r.cells[1] && r.cells[1].querySelector('a');
    return {
      date: r.cells[0].getAttribute('data-value') || r.cells[0].textContent.trim(),
      title: r.cells[1].textContent.trim(),
      href: a ? a.getAttribute('href') : '',
      sev: sev ? +sev[1] : null,
      severity: r.getAttribute('data-severity') || '',
      tags: (r.getAttribute('data-tags') || '').split(',').filter(Boolean),
      services: (r.getAttribute('data-services') || '').split(',').filter(Boolean),
      text: r.getAttribute('data-text') || '',
      // shown for real: not [hidden] and laid out (CSS could undo [hidden])
      visible: !r.hidden && r.getClientRects().length > 0,
    };
  }));
}

const visibleRows = async page => (await tableRows(page)).filter(r => r.visible);

/* Elements that could run or load something: on* attributes, javascript:
   (or vbscript:, data:text/html) in any attribute, scripts other than the
   site's two, frames, objects, and images. */
function activeContent(page) {
  return page.evaluate(() => {
    const bad = [];
    const tag = e => `<${e.localName}>`;
    for (const e of document.querySelectorAll('*')) {
      for (const a of e.attributes) {
        const v = a.value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
        if (/^on/i.test(a.name)) bad.push(`${tag(e)} has ${a.name}="${a.value}"`);
        if (/^(javascript|vbscript):|^data:text\/html/.test(v)) bad.push(`${tag(e)} has ${a.name}="${a.value}"`);
      }
    }
    for (const s of document.querySelectorAll('script')) {
      const src = s.getAttribute('src') || '';
      if (!/^(\.\.\/)?(search-index\.js|web\/app\.js)$/.test(src)) {
        bad.push(`script ${src || JSON.stringify(s.textContent.slice(0, 80))}`);
      }
    }
    for (const e of document.querySelectorAll('iframe, frame, object, embed, img, image, base, meta[http-equiv]')) {
      bad.push(`element ${e.outerHTML.slice(0, 100)}`);
    }
    return bad;
  });
}

async function assertInert(page, what) {
  assert.deepEqual(await activeContent(page), [], `${what}: active content in the page`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(text.includes('<script>'), `${what}: "<script>" is not shown as text`);
  assert.ok(text.includes('{{template}}'), `${what}: "{{template}}" is not shown literally`);
}

/* "N days overdue" must be on every open item due before AS_OF, with the
   right N, and on no other item. Returns how many badges there are. */
async function checkOverdueBadges(page, what) {
  const items = await page.$$eval('li.hs-ai', lis => lis.map(li => {
    const st = li.querySelector('.status');
    const due = li.querySelector('.due');
    const badge = li.querySelector('.badge.overdue');
    return {
      text: li.textContent.trim().slice(0, 80),
      done: !!st && st.classList.contains('st-done'),
      due: due ? (/\d{4}-\d{2}-\d{2}/.exec(due.textContent) || [''])[0] : '',
      badge: badge ? badge.textContent.trim() : null,
    };
  }));
  const day = s => Date.parse(s + 'T00:00:00Z') / 86400000;
  let n = 0;
  for (const it of items) {
    const late = !it.done && it.due && it.due < AS_OF;
    if (late) {
      assert.equal(it.badge, `${day(AS_OF) - day(it.due)} days overdue`, `${what}: badge of "${it.text}"`);
      n++;
    } else {
      assert.equal(it.badge, null, `${what}: "${it.text}" is not overdue as of ${AS_OF}`);
    }
  }
  return { items: items.length, overdue: n };
}

/* The local search of web/README.md: every query word starts a word of the
   doc; 4 for the title, 2 tags/services, 1 text; best score, then newest,
   then index order; top 20. */
function words(s) {
  return String(s || '').toLowerCase().split(/[^0-9a-z\u00c0-\uffff]+/).filter(Boolean);
}
function expectedSearch(docs, q) {
  const qw = words(q);
  const hits = [];
  docs.forEach((d, i) => {
    const fields = [words(d.title), words([].concat(d.tags || [], d.services || []).join(' ')), words(d.text)];
    let score = 0;
    for (const w of qw) {
      const f = fields.findIndex(ws => ws.some(x => x.startsWith(w)));
      if (f < 0) return;
      score += [4, 2, 1][f];
    }
    hits.push({ d, i, score, n: +(d.date || '').replace(/-/g, '') || 0 });
  });
  hits.sort((a, b) => b.score - a.score || b.n - a.n || a.i - b.i);
  return { total: hits.length, top: hits.slice(0, 20).map(h => h.d) };
}

/* search-index.js is loaded when the search box is first used (it grows
   with the library; no page loads it up front). */
async function loadSearchIndex(page) {
  await page.focus('#hs-search');
  await page.waitForFunction(() => window.HINDSIGHT_INDEX && window.HINDSIGHT_INDEX.docs);
  return page.evaluate(() => window.HINDSIGHT_INDEX.docs);
}

/* Types q into the search box like a person and waits for the results the
   contract gives (not for a timeout). Returns the expected docs. */
async function searchLocal(page, q) {
  const docs = await loadSearchIndex(page);
  assert.ok(Array.isArray(docs) && docs.length === N_PM, `search-index.js holds ${N_PM} docs`);
  const root = await page.getAttribute('body', 'data-root');
  const want = expectedSearch(docs, q);
  const box = page.locator('#hs-search');
  await box.click();
  await box.fill('');
  await box.pressSequentially(q);
  const hrefs = want.top.map(d => root + d.url);
  await page.waitForFunction(([hrefs, more]) => {
    const list = document.getElementById('hs-search-results');
    if (!list || list.hidden) return false;
    const got = [...list.querySelectorAll('li[role=option] a')].map(a => a.getAttribute('href'));
    const tail = list.querySelector('li.hs-none:last-child');
    return got.join('\n') === hrefs.join('\n') && (!more || (tail && tail.textContent === more));
  }, [hrefs, want.total > want.top.length ? `Top ${want.top.length} of ${want.total} matches` : null]);
  return want.top;
}

/* Links of a page resolved to files of the site. */
async function linkTargets(page, selector) {
  const base = page.url();
  const hrefs = await page.$$eval(selector, as => as.map(a => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
  return hrefs.map(h => {
    const url = new URL(h.href, base).href;
    return { ...h, url, file: fileURLToPath(url) };
  });
}

/* ------------------------------------------------------------------ */
/* 1. Index page: rows, sorting, filters, hash                        */

function assertSorted(keys, dir, what) {
  const firstNull = keys.indexOf(null);
  if (firstNull >= 0) {
    assert.ok(keys.slice(firstNull).every(k => k === null), `${what}: empty values go last`);
  }
  const vals = firstNull >= 0 ? keys.slice(0, firstNull) : keys;
  for (let i = 1; i < vals.length; i++) {
    const ok = dir > 0 ? vals[i - 1] <= vals[i] : vals[i - 1] >= vals[i];
    assert.ok(ok, `${what}: ${JSON.stringify(vals[i - 1])} before ${JSON.stringify(vals[i])} at row ${i}`);
  }
}

pageTest('index: 45 rows, sort by date and severity, filters, URL hash', async open => {
  const page = await open();
  await page.goto(siteUrl('index.html'));
  assert.equal(await waitCount(page), `${N_PM} of ${N_PM} postmortems`);
  let rows = await tableRows(page);
  assert.equal(rows.length, N_PM, 'rows in #hs-pm-table');
  assert.equal(rows.filter(r => r.visible).length, N_PM, 'all rows shown');
  assert.ok(rows.some(r => r.href === pmFile(HOSTILE)), 'the hostile postmortem is listed');
  const all = rows;

  // Date: ascending, then descending; aria-sort follows.
  const dateTh = page.locator('#hs-pm-table thead th[data-sort="date"]');
  await dateTh.click();
  assert.equal(await dateTh.getAttribute('aria-sort'), 'ascending');
  rows = await tableRows(page);
  assertSorted(rows.map(r => r.date || null), 1, 'date ascending');
  await dateTh.click();
  assert.equal(await dateTh.getAttribute('aria-sort'), 'descending');
  rows = await tableRows(page);
  assertSorted(rows.map(r => r.date || null), -1, 'date descending');
  const byDateDesc = rows.map(r => r.href);

  // Severity: SEV1 first, unknown last both ways, ties keep the date order.
  const sevTh = page.locator('#hs-pm-table thead th[data-sort="sev"]');
  await sevTh.click();
  assert.equal(await sevTh.getAttribute('aria-sort'), 'ascending');
  assert.equal(await dateTh.getAttribute('aria-sort'), null, 'only the sorted header has aria-sort');
  rows = await tableRows(page);
  assertSorted(rows.map(r => r.sev), 1, 'severity ascending');
  assert.equal(rows[0].sev, 1, 'SEV1 first');
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].sev === rows[i - 1].sev) {
      assert.ok(byDateDesc.indexOf(rows[i - 1].href) < byDateDesc.indexOf(rows[i].href),
        `equal severities keep their order (${rows[i - 1].href}, ${rows[i].href})`);
    }
  }
  await sevTh.click();
  assert.equal(await sevTh.getAttribute('aria-sort'), 'descending');
  rows = await tableRows(page);
  assertSorted(rows.map(r => r.sev), -1, 'severity descending');

  // Keyboard: Enter on a header sorts too (titles, as lower-case text).
  const titleTh = page.locator('#hs-pm-table thead th[data-sort="text"]').first();
  await titleTh.focus();
  await page.keyboard.press('Enter');
  assert.equal(await titleTh.getAttribute('aria-sort'), 'ascending');
  rows = await tableRows(page);
  assertSorted(rows.map(r => r.title.toLowerCase()), 1, 'title ascending');

  // Severity filter.
  const nSev1 = all.filter(r => r.severity === 'SEV1').length;
  assert.ok(nSev1 > 0 && nSev1 < N_PM);
  await page.selectOption('#hs-filter-severity', 'SEV1');
  assert.equal(await waitCount(page, `${nSev1} of ${N_PM} postmortems`), `${nSev1} of ${N_PM} postmortems`);
  let shown = await visibleRows(page);
  assert.equal(shown.length, nSev1);
  assert.ok(shown.every(r => r.severity === 'SEV1'), 'only SEV1 rows are shown');
  assert.equal(new URL(page.url()).hash, '#severity=SEV1', 'the filter is kept in the hash');
  await page.selectOption('#hs-filter-severity', '');
  await waitCount(page, `${N_PM} of ${N_PM} postmortems`);

  // Tag filter.
  const nPool = all.filter(r => r.tags.includes('connection-pool')).length;
  assert.ok(nPool >= 2, 'several connection-pool postmortems');
  await page.selectOption('#hs-filter-tag', 'connection-pool');
  await waitCount(page, `${nPool} of ${N_PM} postmortems`);
  shown = await visibleRows(page);
  assert.equal(shown.length, nPool);
  assert.ok(shown.every(r => r.tags.includes('connection-pool')), 'only connection-pool rows');
  assert.equal(new URL(page.url()).hash, '#tag=connection-pool');

  // Text filter, typed, together with the tag filter; then alone.
  const box = page.locator('#hs-filter-text');
  await box.pressSequentially('pgbouncer');
  const nBoth = all.filter(r => r.tags.includes('connection-pool') && r.text.includes('pgbouncer')).length;
  await waitCount(page, `${nBoth} of ${N_PM} postmortems`);
  await page.selectOption('#hs-filter-tag', '');
  await box.fill('');
  await box.pressSequentially('kafka lag');
  const nText = all.filter(r => r.text.includes('kafka') && r.text.includes('lag')).length;
  assert.ok(nText > 0);
  await waitCount(page, `${nText} of ${N_PM} postmortems`);
  shown = await visibleRows(page);
  assert.ok(shown.every(r => r.text.includes('kafka') && r.text.includes('lag')), 'rows match every word');
  assert.equal(new URL(page.url()).hash, '#q=kafka%20lag');
  await box.fill('');
  await waitCount(page, `${N_PM} of ${N_PM} postmortems`);

  // The hash sets the filters on load...
  const nSev2 = all.filter(r => r.severity === 'SEV2').length;
  const page2 = await open();
  await page2.goto(siteUrl('index.html', '#severity=SEV2'));
  await waitCount(page2, `${nSev2} of ${N_PM} postmortems`);
  assert.equal(await page2.inputValue('#hs-filter-severity'), 'SEV2');
  shown = await visibleRows(page2);
  assert.equal(shown.length, nSev2);
  assert.ok(shown.every(r => r.severity === 'SEV2'), 'only SEV2 rows after #severity=SEV2');
  // ...and on hashchange; an unknown tag still filters (to nothing).
  const nDns = all.filter(r => r.tags.includes('dns')).length;
  await page2.evaluate(() => { location.hash = '#tag=dns'; });
  await waitCount(page2, `${nDns} of ${N_PM} postmortems`);
  assert.equal(await page2.inputValue('#hs-filter-severity'), '');
  assert.equal(await page2.inputValue('#hs-filter-tag'), 'dns');
  await page2.evaluate(() => { location.hash = '#tag=no-such-tag'; });
  await waitCount(page2, `0 of ${N_PM} postmortems`);
  assert.equal(await page2.inputValue('#hs-filter-tag'), 'no-such-tag');
});

/* Every option of the index's Tag and Service filters must show the
   postmortems that its tag/service page lists (tags.html, services.html). */
pageTest('index: every tag and service filter option shows the postmortems of its page, tags are case-insensitive', async open => {
  const page = await open();
  const counts = async file => {
    await page.goto(siteUrl(file));
    return page.$$eval('ul.hs-label-list li', lis => lis.map(li => ({
      name: li.querySelector('a').textContent.trim(),
      n: +li.querySelector('.count').textContent.trim(),
    })));
  };
  const tagCounts = await counts('tags.html');
  const svcCounts = await counts('services.html');
  assert.ok(tagCounts.length > 10 && svcCounts.length > 5);
  // A tag is one tag whatever its case: "Capacity" and "capacity" are one.
  const seen = new Map();
  const twins = [];
  for (const { name } of tagCounts) {
    const k = name.toLowerCase();
    if (seen.has(k)) twins.push(`"${seen.get(k)}" and "${name}"`);
    else seen.set(k, name);
  }

  await page.goto(siteUrl('index.html'));
  await waitCount(page);
  const mismatches = [];
  for (const [select, list] of [['#hs-filter-tag', tagCounts], ['#hs-filter-service', svcCounts]]) {
    const options = await page.$$eval(`${select} option`, os => os.map(o => o.value).filter(Boolean));
    // option values are lower-case; the list pages show the written name
    const listed = new Map(list.map(x => [x.name.toLowerCase(), x.n]));
    for (const opt of options) {
      await page.selectOption(select, opt);
      const count = await waitCount(page);
      const n = +count.split(' ')[0];
      const want = listed.has(opt.toLowerCase()) ? listed.get(opt.toLowerCase()) : '(not on the list page)';
      if (n !== want || n === 0) mismatches.push(`${select} "${opt}": ${count}, its page lists ${want}`);
    }
    await page.selectOption(select, '');
  }
  const found = [...mismatches, ...twins.map(t => `tags.html lists tags that differ only in case: ${t}`)];
  assert.deepEqual(found, [], 'filter options that do not show the postmortems of their tag/service page');
});

/* ------------------------------------------------------------------ */
/* 2. Search box from file://                                         */

pageTest('search (file://): "connection pool" results, keys, open, postmortem page', async open => {
  const page = await open();
  await page.goto(siteUrl('index.html'));
  await waitCount(page);

  const top = await searchLocal(page, 'connection pool');
  assert.ok(top.length >= 3, 'several results');
  assert.ok(top[0].tags.includes('connection-pool') && /connection pool/i.test(top[0].title),
    `first result is a connection-pool postmortem: ${top[0].title}`);
  const first = page.locator('#hs-r0 a');
  assert.equal((await first.textContent()).trim(), top[0].title);
  // Results carry a severity badge and the date.
  assert.equal(await page.locator('#hs-r0 .sev').textContent(), top[0].severity || 'SEV?');
  assert.equal(await page.locator('#hs-r0 time').getAttribute('datetime'), top[0].date);
  await shot(page, 'search.png', false);

  // Arrow keys move the highlight, Escape closes, ArrowDown reopens.
  const box = page.locator('#hs-search');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hs-r0');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hs-r1');
  assert.match(await page.getAttribute('#hs-r1', 'class'), /\bactive\b/);
  await box.press('ArrowUp');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hs-r0');
  await box.press('Escape');
  await page.waitForSelector('#hs-search-results', { state: 'hidden' });
  await box.press('ArrowDown');
  await page.waitForSelector('#hs-r0', { state: 'visible' });

  // Enter opens the first result.
  await Promise.all([page.waitForURL(u => u.href.endsWith('/' + top[0].url)), box.press('Enter')]);
  await checkPostmortemPage(page, top[0]);
  const firstBadges = await checkOverdueBadges(page, top[0].url);
  assert.ok(firstBadges.items > 0, 'the postmortem has action items');
  await shot(page, 'postmortem.png', false); // the facts box is sticky, viewport-high

  // The box works from pm/ too (links get "../"); click a result that has
  // overdue follow-ups. (The newest pool incident's open items are all due
  // on or after the as-of date, so it has none.)
  const again = await searchLocal(page, 'connection pool');
  assert.deepEqual(again.map(d => d.id), top.map(d => d.id));
  const withOverdue = again.findIndex(d => d.id !== top[0].id && d.tags.includes('connection-pool'));
  assert.ok(withOverdue > 0);
  const pick = again[withOverdue];
  await Promise.all([
    page.waitForURL(u => u.href.endsWith('/' + pick.url)),
    page.locator(`#hs-r${withOverdue} a`).click(),
  ]);
  await checkPostmortemPage(page, pick);
  const badges = await checkOverdueBadges(page, pick.url);
  assert.ok(badges.overdue >= 1, `"${pick.title}" shows at least one overdue badge as of ${AS_OF}`);

  // Similar past incidents: links that open.
  const similar = await linkTargets(page, 'ol.hs-similar li a');
  assert.ok(similar.length >= 1, 'similar incidents listed');
  for (const s of similar) assert.ok(fs.existsSync(s.file), `similar link ${s.href} exists`);
  await Promise.all([
    page.waitForURL(u => u.href === similar[0].url),
    page.locator('ol.hs-similar li a').first().click(),
  ]);
  assert.equal(await page.title(), `${similar[0].text} · hindsight`);
  await page.waitForSelector('aside.hs-facts');
  await checkOverdueBadges(page, similar[0].href);
});

/* A postmortem page: rendered markdown, the facts, action items, similar. */
async function checkPostmortemPage(page, doc) {
  await page.waitForSelector('main.hs-pm article.hs-md');
  assert.equal(await page.title(), `${shown(doc.title)} · hindsight`);
  const md = await page.$eval('article.hs-md', a => ({
    h2: a.querySelectorAll('h2').length,
    blocks: a.querySelectorAll('p, ul, ol, table, pre').length,
    text: a.innerText,
  }));
  assert.ok(md.h2 >= 2 && md.blocks >= 3, 'the markdown is rendered (headings, paragraphs, lists)');
  assert.doesNotMatch(md.text, /^#{1,6} |^\|\s*-{3}|\*\*\w/m, 'no raw markdown syntax left');
  const facts = await page.$$eval('aside.hs-facts dl dt', dts => dts.map(d => d.textContent.trim()));
  for (const f of ['Date', 'Severity', 'Duration']) assert.ok(facts.includes(f), `facts list ${f}`);
  const date = await page.$eval('aside.hs-facts dl', dl => {
    const dt = [...dl.querySelectorAll('dt')].find(d => d.textContent.trim() === 'Date');
    const dd = dt.nextElementSibling;
    // the fact, then where it came from ("line 2 · field 'Date'")
    const src = dd.querySelector('small.hs-src');
    return { value: [...dd.childNodes].filter(n => n !== src).map(n => n.textContent).join('').trim(),
             src: src ? src.textContent.trim() : null };
  });
  if (doc.date !== undefined) assert.equal(date.value, doc.date);
  if (doc.date) assert.match(date.src || '', /^(line \d+ · )?\S/, 'the date says where it came from');
  const headings = await page.$$eval('aside.hs-facts h2', hs => hs.map(h => h.textContent.trim()));
  assert.ok(headings.includes('Action items') && headings.includes('Similar past incidents'), headings.join(', '));
  assert.ok(await page.locator('aside.hs-facts li.hs-ai').count() >= 1, 'action items listed');
  assert.ok(await page.locator('ol.hs-similar li a').count() >= 1, 'similar incidents listed');
}

/* Every postmortem page shows its title as its heading: a reader landing on
   a page must see what incident it is, whatever the markdown starts with. */
pageTest('postmortem pages: every page shows its title as the h1', async open => {
  const page = await open();
  await page.goto(siteUrl('index.html'));
  await waitCount(page);
  const docs = await loadSearchIndex(page);
  const missing = [];
  for (const d of docs) {
    await page.goto(siteUrl(d.url));
    const h1 = await page.$$eval('main h1', hs => hs.map(h => h.textContent.trim()));
    if (h1.length !== 1 || h1[0] !== shown(d.title)) missing.push(`${d.url}: h1 ${JSON.stringify(h1)}, title "${d.title}"`);
  }
  assert.deepEqual(missing, [], 'postmortem pages without their title as the one h1');
});

/* ------------------------------------------------------------------ */
/* 3. Tag, actions, trends, tags and services pages                   */

pageTest('pages: tag link to tag page, actions, trends, tags, services', async open => {
  const page = await open();
  await page.goto(siteUrl('index.html', '#tag=connection-pool'));
  await waitCount(page);
  const index = await tableRows(page);
  const pool = index.filter(r => r.tags.includes('connection-pool'));
  const from = (await visibleRows(page))[0];
  await Promise.all([
    page.waitForURL(u => u.href === siteUrl(from.href)),
    page.locator(`#hs-pm-table a[href="${from.href}"]`).click(),
  ]);

  // The tag link in the facts opens the tag page, which lists only that tag.
  await Promise.all([
    page.waitForURL(u => /\/tag\/connection-pool\.html$/.test(u.pathname)),
    page.locator('aside.hs-facts a.tag', { hasText: /^connection-pool$/ }).first().click(),
  ]);
  assert.match(await page.textContent('main h1'), /connection-pool/);
  await waitCount(page);
  const tagRows = await tableRows(page);
  assert.equal(tagRows.length, pool.length, 'the tag page lists every postmortem with the tag');
  assert.ok(tagRows.every(r => r.tags.includes('connection-pool')), 'and only those');
  assert.ok(tagRows.some(r => r.href === '../' + from.href), 'including the one we came from');
  for (const l of await linkTargets(page, '#hs-pm-table tbody a')) assert.ok(fs.existsSync(l.file), l.href);

  // actions.html: overdue first, grouped by owner, most overdue first.
  await page.goto(siteUrl('actions.html'));
  const actions = await page.$eval('main', m => {
    const out = { h2: [...m.querySelectorAll('h2')].map(h => h.textContent.trim()), intro: m.querySelector('p').textContent, groups: [] };
    for (const h3 of m.querySelectorAll('h3')) {
      const table = h3.nextElementSibling && h3.nextElementSibling.querySelector('table');
      if (!table) continue;
      out.groups.push({
        owner: h3.firstChild.textContent.trim(),
        count: h3.querySelector('.count').textContent.trim(),
        rows: [...table.tBodies[0].rows].map(r => ({
          due: r.cells[1].textContent.trim(),
          days: r.cells[2].textContent.trim(),
          badge: !!r.cells[2].querySelector('.badge.overdue'),
          href: (r.querySelector('a') || {}).getAttribute ? r.querySelector('a').getAttribute('href') : '',
        })),
      });
    }
    return out;
  });
  assert.match(actions.h2[0], /^Overdue/, 'the overdue section comes first');
  assert.ok(actions.groups.length >= 3, 'grouped by owner');
  const day = s => Date.parse(s + 'T00:00:00Z') / 86400000;
  let total = 0;
  actions.groups.forEach((g, i) => {
    assert.equal(g.count, `${g.rows.length} overdue`, `count of ${g.owner}`);
    if (i) assert.ok(actions.groups[i - 1].rows.length >= g.rows.length, `owners with most overdue first (${g.owner})`);
    for (const r of g.rows) {
      assert.ok(r.badge && r.due < AS_OF, `${g.owner}: ${r.due} is overdue`);
      assert.equal(+r.days, day(AS_OF) - day(r.due), `${g.owner}: days overdue of ${r.due}`);
      assert.ok(fs.existsSync(path.join(SITE, r.href)), r.href);
    }
    total += g.rows.length;
  });
  assert.match(actions.intro, new RegExp(`As of ${AS_OF}: ${total} overdue`));
  await shot(page, 'actions.png');

  // trends.html: SVG bar charts; the monthly bars add up to every postmortem.
  await page.goto(siteUrl('trends.html'));
  const charts = await page.$$eval('svg.hs-chart', svgs => svgs.map(s => ({
    bars: [...s.querySelectorAll('rect.bar')].map(r => ({
      h: r.getBBox().height, w: r.getBBox().width, title: (r.querySelector('title') || {}).textContent || '',
    })),
  })));
  assert.ok(charts.length >= 2, 'at least two charts');
  for (const c of charts) {
    assert.ok(c.bars.length >= 1 && c.bars.every(b => b.h > 0 && b.w > 0), 'every chart has drawn bars');
  }
  const perMonth = charts[0].bars.reduce((n, b) => n + +(/: (\d+) /.exec(b.title) || [0, 0])[1], 0);
  assert.equal(perMonth, N_PM, 'bars of incidents per month add up to every postmortem');
  const box = await page.locator('svg.hs-chart').first().boundingBox();
  assert.ok(box.width > 300 && box.height > 100, 'the chart is drawn at a readable size');
  await shot(page, 'trends.png');

  // tags.html and services.html: every link opens a page listing that many.
  for (const [file, attr, dir] of [['tags.html', 'tags', 'tag'], ['services.html', 'services', 'service']]) {
    await page.goto(siteUrl(file));
    const items = await page.$$eval('ul.hs-label-list li', lis => lis.map(li => ({
      name: li.querySelector('a').textContent.trim(), href: li.querySelector('a').getAttribute('href'),
      n: +li.querySelector('.count').textContent.trim(),
    })));
    assert.ok(items.length >= 5, `${file} lists ${attr}`);
    for (const it of items) {
      assert.ok(it.href.startsWith(dir + '/'), it.href);
      assert.ok(fs.existsSync(fileURLToPath(new URL(it.href, page.url()))), `${file}: ${it.href} exists`);
    }
    await shot(page, file.replace('.html', '.png'));
    const one = items.find(i => i.name === (dir === 'tag' ? 'dns' : 'payment-api')) || items[0];
    const target = new URL(one.href, page.url()).href;
    await Promise.all([
      page.waitForURL(u => u.href === target),
      page.locator(`ul.hs-label-list a[href="${one.href}"]`).click(),
    ]);
    await waitCount(page);
    const listed = await tableRows(page);
    assert.equal(listed.length, one.n, `${one.href} lists ${one.n}`);
    assert.ok(listed.every(r => r[attr].includes(one.name)), `${one.href} lists only ${one.name}`);
    assert.equal(listed.length, index.filter(r => r[attr].includes(one.name)).length,
      `${one.href} lists every postmortem with ${one.name}`);
  }
});

/* The y axis of "Incidents per month" must read what the bars measure: a
   gridline labelled k sits at the top of a bar of k incidents. */
pageTest('trends: y-axis labels match the bars, every label fits in its chart', async open => {
  const page = await open();
  await page.goto(siteUrl('trends.html'));
  const chart = await page.$eval('svg.hs-chart', s => {
    const base = +s.querySelector('line.axis').getAttribute('y1');
    return {
      base,
      labels: [...s.querySelectorAll('line.grid')].map(g => {
        const y = +g.getAttribute('y1');
        const t = [...s.querySelectorAll('text')].find(x => Math.abs(+x.getAttribute('y') - 4 - y) < 0.01 && x.getAttribute('text-anchor') === 'end');
        return { y, label: t ? t.textContent.trim() : null };
      }),
      bars: [...s.querySelectorAll('rect.bar')].map(r => ({
        h: +r.getAttribute('height'), n: +(/: (\d+) /.exec(r.querySelector('title').textContent) || [0, 0])[1],
      })),
    };
  });
  const perIncident = chart.bars[0].h / chart.bars[0].n;
  for (const b of chart.bars) assert.ok(Math.abs(b.h - b.n * perIncident) < 0.5, 'bar heights are proportional');
  const wrong = chart.labels.filter(l => Math.abs((chart.base - l.y) / perIncident - Number(l.label)) > 0.05)
    .map(l => `label "${l.label}" at ${((chart.base - l.y) / perIncident).toFixed(2)} incidents`);
  const names = chart.labels.map(l => l.label);

  // Text drawn outside a chart's viewBox is cut off or runs over the page.
  const outside = await page.$$eval('svg.hs-chart', svgs => svgs.flatMap((s, i) => {
    const vb = s.viewBox.baseVal;
    return [...s.querySelectorAll('text')].map(t => ({ t, b: t.getBBox() }))
      .filter(({ b }) => b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 ||
        b.y + b.height > vb.y + vb.height + 0.5)
      .map(({ t, b }) => `chart ${i + 1} (${s.getAttribute('aria-label')}): "${t.textContent}" spans x ${b.x.toFixed(0)}..${(b.x + b.width).toFixed(0)}, viewBox width ${vb.width}`);
  }));

  const found = [
    ...wrong.map(w => `y axis ${JSON.stringify(names)}: ${w}`),
    ...(new Set(names).size === names.length ? [] : [`duplicate y labels ${JSON.stringify(names)}`]),
    ...outside,
  ];
  assert.deepEqual(found, [], 'trends.html charts');
});

/* ------------------------------------------------------------------ */
/* 4. Hostile content stays inert                                     */

pageTest('hostile postmortem: markup, javascript: links and {{template}} stay inert text', async open => {
  const page = await open();
  const pm = pmFile(HOSTILE);

  await page.goto(siteUrl(pm));
  await page.waitForSelector('aside.hs-facts');
  await assertInert(page, pm);
  assert.match(await page.title(), /^Hostile <script>alert\(1\)<\/script> <img src=x onerror=alert\(3\)> \{\{template\}\}/);
  assert.ok((await page.title()).includes('zebraquux \\u202egnp.exe') && !(await page.title()).includes('\u202e'),
    'the right-to-left override in the title shows as \\u202e');
  assert.ok(!(await page.$eval('main', m => m.innerText)).includes('\u202e'), 'no raw U+202E on the page');
  const aside = await page.$eval('aside.hs-facts', a => a.innerText);
  assert.ok(aside.includes('<img src=x onerror=alert(3)>'), 'tag/service shown as text');
  const hostileAction = page.locator('li.hs-ai', { hasText: 'Escape <script>alert(1)</script>' });
  assert.equal(await hostileAction.count(), 1, 'the hostile action item is shown as text');
  assert.match(await hostileAction.textContent(), /\{\{template\}\}/);
  assert.match(await hostileAction.textContent(), /days overdue/);
  const body = await page.$eval('article.hs-md', a => a.innerText);
  assert.ok(body.includes('{{template}}'), 'template syntax in the body is shown literally');
  await shot(page, 'hostile.png', false);

  // Its tag pages, from the links in the facts.
  const tagLinks = await linkTargets(page, 'aside.hs-facts a.tag');
  const hostileTags = tagLinks.filter(l => /[<{]/.test(l.text));
  assert.equal(hostileTags.length, 3, 'three hostile tags linked');
  for (const l of hostileTags) {
    await page.goto(siteUrl(pm));
    await page.waitForSelector('aside.hs-facts');
    await Promise.all([
      page.waitForURL(u => u.href === l.url),
      page.locator(`aside.hs-facts a.tag[href="${l.href}"]`).click(),
    ]);
    await waitCount(page);
    assert.equal((await page.textContent('main h1')).trim(), `Tag ${l.text}`);
    const rows = await tableRows(page);
    assert.deepEqual(rows.map(r => r.href), ['../' + pm], `${l.href} lists the hostile postmortem only`);
    await assertInert(page, l.href);
  }

  // The index, also filtered by a hostile tag through the hash.
  await page.goto(siteUrl('index.html', '#tag=' + encodeURIComponent('<script>alert(1)</script>')));
  await waitCount(page, `1 of ${N_PM} postmortems`);
  await assertInert(page, 'index.html#tag=<script>');
  assert.ok((await visibleRows(page))[0].title.startsWith('Hostile <script>alert(1)</script>'));
  await page.goto(siteUrl('index.html', '#q=' + encodeURIComponent('"><img src=x onerror=alert(3)>')));
  await waitCount(page);
  await assertInert(page, 'index.html#q=<img>');

  // The search box: results are text, the link opens the page.
  await page.goto(siteUrl('index.html'));
  await waitCount(page);
  const top = await searchLocal(page, 'zebraquux');
  assert.equal(top[0].id, HOSTILE);
  await assertInert(page, 'search results');
  const link = page.locator('#hs-r0 a');
  assert.equal(await link.textContent(), shown(top[0].title));
  assert.ok(!(await link.textContent()).includes('\u202e') && (await link.textContent()).includes('\\u202e'),
    'a right-to-left override in a result shows as \\u202e');
  await Promise.all([page.waitForURL(u => u.href === siteUrl(pm)), link.click()]);
  await page.waitForSelector('aside.hs-facts');
  await assertInert(page, pm + ' (from search)');

  // Its service page.
  await page.goto(siteUrl('services.html'));
  const svc = page.locator('ul.hs-label-list a', { hasText: '<img src=x onerror=alert(3)>' });
  assert.equal(await svc.count(), 1);
  await svc.click();
  await waitCount(page, `1 of 1 postmortem`);
  await assertInert(page, 'hostile service page');
});

/* ------------------------------------------------------------------ */
/* 6. Live: the same index from `hindsight serve`                     */

pageTest('live: search via /api/search, results open, alerts page', async (open, t) => {
  if (!LIVE) return t.skip('HS_LIVE_URL not set');
  const page = await open();
  await page.goto(LIVE + '/');
  assert.equal(await page.getAttribute('body', 'data-api'), '1', 'live pages have data-api="1"');
  assert.equal(await waitCount(page), `${N_PM} of ${N_PM} postmortems`);

  // The box asks /api/search and shows what it answers.
  const box = page.locator('#hs-search');
  await box.click();
  const [req, resp] = await Promise.all([
    page.waitForRequest(r => {
      const u = new URL(r.url());
      return u.pathname === '/api/search' && u.searchParams.get('q') === 'connection pool';
    }),
    page.waitForResponse(r => {
      const u = new URL(r.url());
      return u.pathname === '/api/search' && u.searchParams.get('q') === 'connection pool';
    }),
    box.pressSequentially('connection pool'),
  ]);
  assert.equal(new URL(req.url()).origin, LIVE);
  assert.equal(new URL(req.url()).searchParams.get('limit'), '20');
  assert.equal(resp.status(), 200);
  const api = await resp.json();
  assert.ok(api.results.length >= 3, 'the API finds several');
  const want = api.results.map(r => r.url || `pm/${encodeURIComponent(r.id)}.html`);
  await page.waitForFunction(want => {
    const l = document.getElementById('hs-search-results');
    return !l.hidden && [...l.querySelectorAll('li[role=option] a')].map(a => a.getAttribute('href')).join('\n') === want.join('\n');
  }, want);
  assert.equal((await page.textContent('#hs-r0 a')).trim(), api.results[0].title);
  assert.ok(/connection pool/i.test(api.results[0].title), api.results[0].title);
  // The snippet keeps only bare <mark>s.
  const snip = await page.$eval('#hs-r0 .snip', s => ({
    marks: s.querySelectorAll('mark').length, other: s.querySelectorAll(':not(mark)').length, text: s.textContent,
  }));
  assert.ok(snip.marks >= 1 && snip.other === 0, `snippet ${JSON.stringify(snip)}`);
  await shot(page, 'live-search.png', false);
  await Promise.all([page.waitForURL(LIVE + '/' + want[0]), page.locator('#hs-r0 a').click()]);
  await checkPostmortemPage(page, { title: api.results[0].title, date: api.results[0].date });
  assert.equal(await page.getAttribute('body', 'data-api'), '1');

  // Hostile content through the API snippet is inert too.
  await page.goto(LIVE + '/');
  await waitCount(page);
  await page.locator('#hs-search').click();
  await page.locator('#hs-search').pressSequentially('zebraquux');
  await page.waitForSelector('#hs-r0 a');
  assert.equal(await page.getAttribute('#hs-r0 a', 'href'), pmFile(HOSTILE));
  assert.deepEqual(await activeContent(page), [], 'live results: active content');
  assert.ok((await page.textContent('#hs-r0 a')).includes('<script>alert(1)</script>'));
  // A query the server refuses says why in the list, not "Search is unavailable".
  page.expectedError = /status of 400 .*\/api\/search\?q=zebraquux%20a\*&/;
  await page.locator('#hs-search').fill('');
  await page.locator('#hs-search').pressSequentially('zebraquux a*');
  await page.waitForSelector('#hs-search-results li.hs-none:has-text("a prefix needs at least 2 letters")');
  await page.locator('#hs-search').fill('');
  await page.locator('#hs-search').pressSequentially('zebraquux');
  await page.waitForSelector('#hs-r0 a');
  page.expectedError = null;
  await Promise.all([page.waitForURL(LIVE + '/' + pmFile(HOSTILE)), page.locator('#hs-r0 a').click()]);
  await page.waitForSelector('aside.hs-facts');
  await assertInert(page, 'live ' + pmFile(HOSTILE));

  // Every page in the nav answers.
  await page.goto(LIVE + '/');
  const nav = await page.$$eval('header nav a', as => as.map(a => a.getAttribute('href')));
  assert.ok(nav.includes('alerts.html'), 'the live nav links the alerts page');
  for (const href of nav) {
    const r = await fetch(`${LIVE}/${href}`);
    assert.equal(r.status, 200, href);
    await r.arrayBuffer();
  }

  // An Alertmanager webhook, then the alerts page shows it with its
  // similar postmortems, and their links open.
  const body = fs.existsSync(FIXTURE) ? fs.readFileSync(FIXTURE, 'utf8') : JSON.stringify({
    receiver: 'browser-test', status: 'firing', version: '4', groupKey: '{}:{alertname="DatabaseConnectionPoolExhausted"}',
    alerts: [{
      status: 'firing', fingerprint: 'b0b0b0b0b0b0b0b0', startsAt: `${AS_OF}T01:10:54Z`, endsAt: '0001-01-01T00:00:00Z',
      labels: { alertname: 'DatabaseConnectionPoolExhausted', service: 'payment-api', severity: 'critical' },
      annotations: { summary: 'Database connection pool exhausted on payment-api',
        description: 'payment-api has 0 of 50 connections available; requests are timing out.' },
    }],
  });
  if (!fs.existsSync(FIXTURE)) t.diagnostic(`${FIXTURE} missing: posted a built-in Alertmanager body`);
  const alertName = JSON.parse(body).alerts[0].labels.alertname;
  const posted = await fetch(`${LIVE}/api/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(posted.status, 200, `POST /api/alerts: ${await posted.text()}`);

  await page.goto(LIVE + '/alerts.html');
  const row = page.locator('table.hs-alerts tbody tr', { hasText: alertName });
  await row.first().waitFor();
  const links = await row.first().locator('a').evaluateAll(as => as.map(a => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  assert.ok(links.length >= 1, 'the alert lists similar postmortems');
  assert.ok(links.some(l => /connection pool/i.test(l.text)), `a pool postmortem among ${links.map(l => l.text)}`);
  assert.match(await row.first().textContent(), /firing/);
  await shot(page, 'live-alerts.png');
  await Promise.all([
    page.waitForURL(LIVE + '/' + links[0].href),
    row.first().locator('a').first().click(),
  ]);
  await checkPostmortemPage(page, { title: links[0].text });
});

/* ------------------------------------------------------------------ */
/* 7. Screenshots for people, and the phone width                     */

pageTest('screenshots: index (desktop and 390 px phone)', async open => {
  const page = await open();
  await page.goto(siteUrl('index.html'));
  await waitCount(page);
  await shot(page, 'index.png');

  const phone = await open({ viewport: { width: 390, height: 844 } });
  await phone.goto(siteUrl('index.html'));
  await waitCount(phone);
  await shot(phone, 'index-phone.png', false);
  const widths = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
  assert.ok(widths.doc <= widths.win, `no sideways scrolling of the page at 390 px (${widths.doc} > ${widths.win})`);
  assert.ok(await phone.locator('#hs-search').isVisible(), 'search box visible on a phone');
});

/* ------------------------------------------------------------------ */
/* Paging: a list longer than its first screen, static and live       */

/* Every row of the list, page by page with Next; back to page 1 after. */
async function allPages(page) {
  const rows = [];
  for (let p = 0; ; p++) {
    const info = await page.textContent('#hs-page-info');
    assert.match(info.trim(), new RegExp(`^Showing ${p * PAGE_ROWS + 1}\u2013\\d+ of ${N_BIG}$`), `page ${p + 1}: ${info}`);
    rows.push(...await tableRows(page));
    if (await page.locator('#hs-next').isDisabled()) break;
    const first = await page.$eval('#hs-pm-table tbody tr a', a => a.getAttribute('href'));
    await page.click('#hs-next');
    await page.waitForFunction(f => {
      const a = document.querySelector('#hs-pm-table tbody tr a');
      return a && a.getAttribute('href') !== f;
    }, first);
  }
  return rows;
}

for (const [where, url] of [['static (file://)', () => siteUrl.call(null, 'index.html').replace(SITE, BIG_SITE)],
                            ['live', () => BIG_LIVE + '/index.html']]) {
  pageTest(`paging, ${where}: next page, filter and sort over every page`, async open => {
    if (where === 'live' && !BIG_LIVE) return;
    const page = await open();
    const base = where === 'live' ? url() : pathToFileURL(path.join(BIG_SITE, 'index.html')).href;
    await page.goto(base);
    assert.equal(await waitCount(page), `${N_BIG} of ${N_BIG} postmortems`);
    assert.equal((await tableRows(page)).length, PAGE_ROWS, 'the first screen has one page of rows');
    assert.ok(await page.locator('#hs-prev').isDisabled(), 'no previous page on the first');

    // Next, to the end: every postmortem once, newest first across pages.
    const all = await allPages(page);
    assert.equal(all.length, N_BIG, 'every page together lists every postmortem');
    assert.equal(new Set(all.map(r => r.href)).size, N_BIG, 'no postmortem twice');
    assertSorted(all.map(r => r.date || null), -1, 'newest first across pages');
    await page.click('#hs-prev');
    await page.waitForFunction(() => /^Showing 101/.test(document.getElementById('hs-page-info').textContent));
    // a client-drawn row links where the server's rows do
    const later = await tableRows(page);
    assert.ok(later[0].href.startsWith('pm/') && later[0].href.endsWith('.html'), later[0].href);

    // Filter: a postmortem beyond the first screen is found by its title.
    const target = all[N_BIG - 1];
    const words = target.title.toLowerCase();
    const want = all.filter(r => r.text.includes(words)).length;
    await page.fill('#hs-filter-text', words);
    await waitCount(page, `${want} of ${N_BIG} postmortems`);
    const found = await tableRows(page);
    assert.ok(found.some(r => r.href === target.href), `${target.href} is found by the filter`);
    assert.ok(found.every(r => r.text.includes(words)), 'only matching rows');
    await page.fill('#hs-filter-text', '');
    await waitCount(page, `${N_BIG} of ${N_BIG} postmortems`);

    // Severity filter over every page.
    const nSev1 = all.filter(r => r.severity === 'SEV1').length;
    await page.selectOption('#hs-filter-severity', 'SEV1');
    await waitCount(page, `${nSev1} of ${N_BIG} postmortems`);
    assert.ok((await tableRows(page)).every(r => r.severity === 'SEV1'));
    await page.selectOption('#hs-filter-severity', '');
    await waitCount(page, `${N_BIG} of ${N_BIG} postmortems`);

    // Sort: the first row after sorting is the first of the whole set.
    const titleTh = page.locator('#hs-pm-table thead th[data-sort="text"]').first();
    await titleTh.click();
    assert.equal(await titleTh.getAttribute('aria-sort'), 'ascending');
    const minTitle = all.map(r => r.title.toLowerCase()).sort()[0];
    await page.waitForFunction(t => {
      const a = document.querySelector('#hs-pm-table tbody tr td:nth-child(2)');
      return a && a.textContent.trim().toLowerCase() === t;
    }, minTitle);
    let rows = await tableRows(page);
    assertSorted(rows.map(r => r.title.toLowerCase()), 1, 'title ascending');
    const dateTh = page.locator('#hs-pm-table thead th[data-sort="date"]');
    await dateTh.click();
    const minDate = all.map(r => r.date).filter(Boolean).sort()[0];
    await page.waitForFunction(d => {
      const c = document.querySelector('#hs-pm-table tbody tr td');
      return c && c.getAttribute('data-value') === d;
    }, minDate);
    rows = await tableRows(page);
    assertSorted(rows.map(r => r.date || null), 1, 'oldest first across pages');
  });
}

/* ------------------------------------------------------------------ */
/* 5. Over every page of the run                                      */

test('no request left the machine, no console error, no page error, no dialog on any page', t => {
  t.diagnostic(`${visited.length} page loads checked`);
  assert.ok(visited.length >= 30, `pages were visited (${visited.length})`);
  assert.deepEqual(problems, []);
});
