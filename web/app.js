/* hindsight static web view: search box, sortable tables, index filters.
   Plain ES2017 (and a BigInt for a long page name's hash), no modules; no
   network but the live API (data-api="1").
   Data goes in as text, except the live API's HTML-escaped snippet, which
   is still reduced to its <mark> elements. */
(function () {
'use strict';

function $(id) { return document.getElementById(id); }
function each(list, fn) { Array.prototype.forEach.call(list, fn); }
function attr(e, name) { return e.getAttribute(name) || ''; }

var ROOT = attr(document.body, 'data-root'), LIVE = attr(document.body, 'data-api') === '1';
var MAX = 20;

function setAttrs(e, attrs) {
  Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
}
/* A bidirectional control (U+202A-202E, U+2066-2069) shown as "\u202e",
   as the server's pages show it: in a title it would reorder the text. */
function visible(s) {
  return s.replace(/[\u202a-\u202e\u2066-\u2069]/g, function (c) {
    return '\\u' + c.charCodeAt(0).toString(16);
  });
}
/* el('a', {href: x}, ['text', node]) */
function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  setAttrs(e, attrs);
  [].concat(kids == null ? [] : kids).forEach(function (k) {
    e.appendChild(typeof k === 'string' ? document.createTextNode(visible(k)) : k);
  });
  return e;
}
function sevBadge(sev) {
  var m = /^SEV([1-4])$/i.exec(sev || '');
  return el('span', { 'class': 'sev sev' + (m ? m[1] : '0') }, m ? 'SEV' + m[1] : 'SEV?');
}

/* Words: lower-case runs of letters and digits. */
function words(s) {
  return String(s || '').toLowerCase().split(/[^0-9a-z\u00c0-\uffff]+/).filter(Boolean);
}
/* First index in lower-case s where w starts a word, or -1. */
function wordAt(s, w) {
  for (var i = s.indexOf(w), c; i >= 0; i = s.indexOf(w, i + 1)) {
    c = s.charCodeAt(i - 1); // NaN at 0
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 122 || c >= 0xc0)) return i;
  }
  return -1;
}

/* ------------------------------------------------------------------
 * Search box: local index (search-index.js) or, when live, the API.
 */
var input = $('hs-search'), list = $('hs-search-results');
var prepared = null, byId = null; // built on first focus
var active = -1;                  // highlighted result, -1: none
var timer = 0, seq = 0, lastWords = null, lastHits = null;

/* Per doc: s = ' title tags services text' lower-cased in one go (a flat
   string, fast to scan); a, b end the title and tag parts, so the first
   word-start hit of a query word lies in its best field. */
function prepare() {
  if (prepared) return prepared;
  var docs = window.HINDSIGHT_INDEX.docs || [];
  prepared = new Array(docs.length);
  byId = Object.create(null);
  for (var i = 0; i < docs.length; i++) {
    var d = docs[i];
    var t = ' ' + (d.title || ''), g = ' ' + (d.tags || []).concat(d.services || []).join(' ');
    prepared[i] = {
      d: d, a: t.length, b: t.length + g.length,
      s: (t + g + ' ' + (d.text || '')).toLowerCase(),
      n: +(d.date || '').replace(/-/g, '') || 0 // 20240229
    };
    byId[d.id] = d.url;
  }
  return prepared;
}

/* Each query word must prefix a word of the doc. Score per word: title 4,
   tags/services 2, text 1; then newer first. Keeps the best MAX. */
function searchLocal(qw) {
  var docs = prepare();
  // Typing on narrows: if each previous word prefixes the new one at its
  // place, scan only the previous hits.
  var pool = lastWords && lastWords.length <= qw.length &&
    lastWords.every(function (w, i) { return qw[i].indexOf(w) === 0; }) ? lastHits : null;
  var hits = [], top = [], n = pool ? pool.length : docs.length;
  for (var k = 0; k < n; k++) {
    var i = pool ? pool[k] : k, p = docs[i], score = 0, j, at;
    for (j = 0; j < qw.length; j++) {
      if ((at = wordAt(p.s, qw[j])) < 0) break;
      score += at < p.a ? 4 : at < p.b ? 2 : 1;
    }
    if (j < qw.length) continue;
    hits.push(i);
    var key = score * 1e9 + p.n;
    if (top.length < MAX || key > top[top.length - 1].key) {
      for (j = top.length; j > 0 && top[j - 1].key < key; j--);
      top.splice(j, 0, { key: key, d: p.d });
      if (top.length > MAX) top.pop();
    }
  }
  lastWords = qw; lastHits = hits;
  return {
    total: hits.length,
    results: top.map(function (t) {
      return { title: t.d.title, date: t.d.date, severity: t.d.severity, url: ROOT + t.d.url };
    })
  };
}

/* Keep only bare <mark>s of an escaped snippet, other elements become text.
   Template content is inert: nothing loads or runs. */
function snippetNode(html) {
  var t = document.createElement('template');
  t.innerHTML = html;
  [].slice.call(t.content.querySelectorAll('*')).reverse().forEach(function (e) {
    if (e.tagName !== 'MARK' || e.attributes.length) e.replaceWith(e.textContent);
  });
  return el('span', { 'class': 'snip' }, t.content);
}

/* A live result's page: its url if given, else the local index's url for
   the id, else pm/ID.html. */
function liveUrl(r) {
  if (r.url) return ROOT + r.url;
  if (window.HINDSIGHT_INDEX) prepare();
  return ROOT + (byId && byId[r.id] || 'pm/' + encodeURIComponent(r.id) + '.html');
}

function show(res, message) {
  list.textContent = '';
  setActive(-1);
  if (message || !res.results.length) {
    list.appendChild(el('li', { 'class': 'hs-none' }, message || 'No matching postmortems'));
  } else {
    res.results.forEach(function (r, i) {
      var li = el('li', { id: 'hs-r' + i, role: 'option' }, [
        el('a', { href: r.url }, r.title || r.id || 'Untitled'), ' ',
        sevBadge(r.severity), ' ',
        el('time', r.date ? { datetime: r.date } : {}, r.date || 'no date')
      ]);
      if (r.snippet) li.appendChild(snippetNode(r.snippet));
      list.appendChild(li);
    });
    if (res.total > res.results.length) {
      list.appendChild(el('li', { 'class': 'hs-none' },
        'Top ' + res.results.length + ' of ' + res.total + ' matches'));
    }
  }
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
}

function close() {
  list.hidden = true;
  setActive(-1);
  input.setAttribute('aria-expanded', 'false');
}

/* search-index.js grows with the library: loaded on first use only. */
var indexLoad = null;
function loadIndex() {
  if (!indexLoad) {
    indexLoad = new Promise(function (ok, fail) {
      if (window.HINDSIGHT_INDEX) return ok();
      var s = el('script', { src: ROOT + 'search-index.js' });
      s.onload = function () { ok(); };
      s.onerror = function () { indexLoad = null; fail(new Error('search-index.js')); };
      document.head.appendChild(s);
    });
  }
  return indexLoad;
}

function run() {
  var q = input.value.trim(), qw = words(q), my = ++seq;
  if (!qw.length) return close();
  if (!LIVE) {
    if (window.HINDSIGHT_INDEX) return show(searchLocal(qw));
    return loadIndex().then(function () { if (my === seq) run(); },
      function () { show(null, 'Search index not loaded'); });
  }
  fetch(ROOT + 'api/search?q=' + encodeURIComponent(q) + '&limit=' + MAX)
    .then(function (r) {
      // a query the server refuses (400) says why: "'a*': a prefix needs ..."
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw { shown: r.status === 400 && typeof j.error === 'string' && j.error };
        return j;
      });
    })
    .then(function (j) {
      if (my !== seq) return; // a newer query is under way
      var rs = j.results || [];
      rs.forEach(function (r) { r.url = liveUrl(r); });
      show({ total: j.total || rs.length, results: rs });
    })
    .catch(function (e) { if (my === seq) show(null, (e && e.shown) || 'Search is unavailable'); });
}

function setActive(i) {
  var items = list.querySelectorAll('li[role=option]');
  if (items[active]) items[active].classList.remove('active');
  active = items[i] ? i : -1;
  if (active < 0) return input.removeAttribute('aria-activedescendant');
  items[i].classList.add('active');
  items[i].scrollIntoView({ block: 'nearest' });
  input.setAttribute('aria-activedescendant', items[i].id);
}

if (input && list) {
  setAttrs(input, { role: 'combobox', 'aria-controls': list.id,
                   'aria-autocomplete': 'list', 'aria-expanded': 'false' });
  list.setAttribute('role', 'listbox');
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });
  input.addEventListener('focus', function () {
    if (input.value.trim()) run();
    else if (!LIVE) loadIndex().then(function () { setTimeout(prepare, 0); }, function () {}); // warm up
  });
  input.addEventListener('keydown', function (ev) {
    var k = ev.key;
    if (k === 'ArrowDown' || k === 'ArrowUp') {
      ev.preventDefault();
      if (list.hidden) return run();
      // Cycle input -> first .. last -> input (-1 is the input).
      var n = list.querySelectorAll('li[role=option]').length + 1;
      setActive((active + 1 + (k === 'ArrowDown' ? 1 : -1) + n) % n - 1);
    } else if (k === 'Escape' && !list.hidden) {
      ev.preventDefault(); // a second Escape clears the box as usual
      close();
    } else if (k === 'Enter') {
      ev.preventDefault();
      clearTimeout(timer);
      var a = !list.hidden && list.querySelector(active >= 0 ? '#hs-r' + active + ' a' : 'li[role=option] a');
      if (a) location.href = a.getAttribute('href');
      else run();
    }
  });
  list.addEventListener('mousedown', function (ev) { ev.preventDefault(); }); // keep focus
  input.addEventListener('blur', function () { setTimeout(close, 150); });
}

/* ------------------------------------------------------------------
 * Sortable tables: any th[data-sort] (date, text, sev, num). Key: the
 * cell's data-value, else its text. Empty keys go last either way; ties
 * keep the current order.
 */
function cellKey(row, col, type) {
  var c = row.cells[col];
  var v = !c ? '' : (c.hasAttribute('data-value') ? attr(c, 'data-value') : c.textContent).trim();
  if (type === 'sev') {
    var m = /SEV\s*(\d)/i.exec(v) || /SEV\s*(\d)/i.exec(attr(row, 'data-severity'));
    return m ? +m[1] : null;
  }
  if (v === '') return null;
  if (type === 'num') return isNaN(parseFloat(v)) ? null : parseFloat(v);
  return type === 'text' ? v.toLowerCase() : v; // ISO dates compare as text
}

function sortTable(table, th) {
  var col = th.cellIndex, type = attr(th, 'data-sort');
  var dir = attr(th, 'aria-sort') === 'ascending' ? -1 : 1;
  each(table.tHead.querySelectorAll('th[aria-sort]'), function (h) { h.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  each(table.tBodies, function (tb) {
    var rows = [].map.call(tb.rows, function (r, i) { return { r: r, i: i, k: cellKey(r, col, type) }; });
    rows.sort(function (a, b) {
      if (a.k === b.k) return a.i - b.i;
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      return (a.k < b.k ? -dir : a.k > b.k ? dir : 0) || a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (x) { frag.appendChild(x.r); });
    tb.appendChild(frag);
  });
}

var pmTable = $('hs-pm-table'), countEl = $('hs-count');
/* A list longer than its first screen (data-total > rows on the page) is
   paged: sorting and filtering then ask the whole set (see Paging). */
var PAGED = !!pmTable && +attr(pmTable, 'data-total') > pmTable.tBodies[0].rows.length;
var SORT_KEYS = ['date', 'title', 'severity', 'duration']; // by column

function onSort(table, th) {
  if (PAGED && table === pmTable) return pagedSort(th);
  sortTable(table, th);
}

each(document.querySelectorAll('thead th[data-sort]'), function (th) {
  var table = th.closest('table');
  if (PAGED && table === pmTable && !SORT_KEYS[th.cellIndex]) return;
  th.tabIndex = 0;
  th.addEventListener('click', function () { onSort(table, th); });
  th.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onSort(table, th); }
  });
});

/* ------------------------------------------------------------------
 * Paging: a list longer than its first screen. The server renders the
 * first data-page-size rows (newest first); the rest, and any filter or
 * sort, come from the whole set: window.HINDSIGHT_ROWS (data/rows.js, a
 * <script> added on first use, so it works from file://) or, live, from
 * GET api/postmortems with limit and the answer's cursor.
 */
var P = { page: 0, sort: 'date', desc: true, cursors: [null], seq: 0 };
if (pmTable) P.cursors[1] = attr(pmTable, 'data-next'); // after the first screen
var SIZE = pmTable ? +attr(pmTable, 'data-page-size') || 100 : 100;
var FIXED = pmTable ? { tag: attr(pmTable, 'data-fixed-tag'), service: attr(pmTable, 'data-fixed-service') } : {};
var rowsLoad = null;

/* hs__slug: bytes other than [A-Za-z0-9_-] (and '.' not first) as ~XX; past
   200 bytes (SLUG_MAX), at most its first 180 (never half a ~XX), '~~' and
   hs__hash_hex of the bytes (FNV-1a 64 from HS__FNV64_START). */
var SLUG_MAX = 200, SLUG_KEEP = 180;
function fnv64hex(b) {
  /* BigInt() calls, not 123n literals: a browser without BigInt still
     parses this script and only long names are lost there */
  var h = BigInt('1469598103934665603'), m = BigInt('0xffffffffffffffff'),
    p = BigInt('1099511628211');
  for (var i = 0; i < b.length; i++) h = ((h ^ BigInt(b[i])) * p) & m;
  return ('000000000000000' + h.toString(16)).slice(-16);
}
function slug(s) {
  var b = new TextEncoder().encode(String(s)), out = '', cut = 0;
  for (var i = 0; i < b.length; i++) {
    var c = b[i];
    if (out.length <= SLUG_KEEP) cut = out.length;
    if (c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 45 || c === 95 || c === 46 && i) {
      out += String.fromCharCode(c);
    } else {
      out += '~' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
    }
  }
  return out.length > SLUG_MAX ? out.slice(0, cut) + '~~' + fnv64hex(b) : out;
}
function durText(m) {
  if (m == null || m < 0) return '\u2014';
  if (m < 60) return m + ' min';
  if (m < 2880) return Math.floor(m / 60) + 'h ' + ('0' + m % 60).slice(-2) + 'm';
  return (m / 1440).toFixed(1) + ' days';
}
function lowerAscii(s) { return String(s).replace(/[A-Z]+/g, function (x) { return x.toLowerCase(); }); }

/* One row, as templates/rows.html draws it. r: {id, title, date, sev 0-4,
   dur (-1 none), tags (shown, as written), tagsLower, services} */
function rowEl(r) {
  var sev = r.sev ? 'SEV' + r.sev : '', tr = el('tr', {
    'data-severity': sev, 'data-tags': r.tagsLower.join(','),
    'data-services': r.services.join(','),
    'data-text': (r.title + ' ' + r.tagsLower.join(',')).toLowerCase()
  }, [
    el('td', { 'data-value': r.date }, r.date || '\u2014'),
    el('td', {}, el('a', { href: ROOT + 'pm/' + slug(r.id) + '.html' }, r.title)),
    el('td', { 'data-value': String(r.sev || 9) }, el('span', { 'class': 'sev sev' + r.sev }, sev || '\u2014')),
    el('td', { 'data-value': r.dur >= 0 ? String(r.dur) : '' }, durText(r.dur)),
    el('td', {}, [].concat.apply([], r.tags.map(function (t) {
      return [el('a', { 'class': 'tag', href: ROOT + 'tag/' + slug(lowerAscii(t)) + '.html' }, t), ' '];
    })))
  ]);
  return tr;
}

function loadRows() {
  if (!rowsLoad) {
    rowsLoad = new Promise(function (ok, fail) {
      if (window.HINDSIGHT_ROWS) return ok(window.HINDSIGHT_ROWS);
      var s = el('script', { src: ROOT + 'data/rows.js' });
      s.onload = function () { ok(window.HINDSIGHT_ROWS); };
      s.onerror = function () { rowsLoad = null; fail(new Error('data/rows.js')); };
      document.head.appendChild(s);
    }).then(function (d) {
      // [id, title, date, sev, dur, [shown tag], [tag], [service]] with
      // label indexes into d.labels and shown names into d.names
      var L = d.labels, N = d.names;
      return d.rows.map(function (x, i) {
        return { id: x[0], title: x[1], date: x[2], sev: x[3], dur: x[4], i: i,
          tags: x[5].map(function (k) { return N[k]; }),
          tagsLower: x[6].map(function (k) { return L[k]; }),
          services: x[7].map(function (k) { return L[k]; }) };
      });
    });
  }
  return rowsLoad;
}

function cmpBy(key, desc) {
  function k(r) {
    return key === 'title' ? r.title.toLowerCase() : key === 'severity' ? r.sev || null :
      key === 'duration' ? (r.dur >= 0 ? r.dur : null) : r.date || null;
  }
  return function (a, b) {
    var x = k(a), y = k(b);
    if (x === y) return a.i - b.i;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (desc ? -1 : 1);
  };
}

/* This page of the static data: filter, sort (ties newest first), slice. */
function localPage(f) {
  return loadRows().then(function (all) {
    var qw = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    var hit = all.filter(function (r) {
      if (f.severity && 'SEV' + r.sev !== f.severity) return false;
      if (f.tag && r.tagsLower.indexOf(f.tag) < 0) return false;
      if (f.service && r.services.indexOf(f.service) < 0) return false;
      if (FIXED.tag && r.tagsLower.indexOf(FIXED.tag) < 0) return false;
      if (FIXED.service && r.services.indexOf(FIXED.service) < 0) return false;
      if (qw.length) {
        var t = (r.title + ' ' + r.tagsLower.join(',')).toLowerCase();
        return qw.every(function (w) { return t.indexOf(w) >= 0; });
      }
      return true;
    });
    if (P.sort !== 'date' || !P.desc) hit.sort(cmpBy(P.sort, P.desc));
    return { total: hit.length, rows: hit.slice(P.page * SIZE, (P.page + 1) * SIZE), next: (P.page + 1) * SIZE < hit.length };
  });
}

function apiRow(j) {
  var m = /^SEV([1-4])$/.exec(j.severity || '');
  var tags = (j.tags || []), all = tags.concat(j.auto_tags || []).map(lowerAscii);
  return { id: j.id, title: j.title || j.id, date: j.date || '', sev: m ? +m[1] : 0,
    dur: j.duration_minutes == null ? -1 : j.duration_minutes, tags: tags,
    tagsLower: all.filter(function (t, i) { return all.indexOf(t) === i; }),
    services: (j.services || []).map(lowerAscii) };
}

/* This page from the API; the cursor of page p is the answer of page p-1. */
function apiPage(f) {
  var q = ['limit=' + SIZE, 'sort=' + (P.desc ? '-' : '') + P.sort];
  var add = function (k, v) { if (v) q.push(k + '=' + encodeURIComponent(v)); };
  add('severity', f.severity); add('tag', f.tag || FIXED.tag);
  add('service', f.service || FIXED.service); add('q', f.q);
  add('cursor', P.cursors[P.page]);
  return fetch(ROOT + 'api/postmortems?' + q.join('&'))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (j) {
      P.cursors[P.page + 1] = j.next;
      return { total: j.total, rows: (j.results || []).map(apiRow), next: !!j.next };
    });
}

function pagedLoad() {
  var f = { severity: val('severity').toUpperCase(), tag: val('tag'), service: val('service'), q: val('q') };
  var my = ++P.seq;
  return (LIVE ? apiPage(f) : localPage(f)).then(function (res) {
    if (my !== P.seq) return;
    var tb = pmTable.tBodies[0], frag = document.createDocumentFragment();
    res.rows.forEach(function (r) { frag.appendChild(rowEl(r)); });
    tb.textContent = '';
    tb.appendChild(frag);
    showPager(res.total, res.rows.length, res.next);
  }).catch(function () {
    if (my === P.seq && countEl) countEl.textContent = 'The list could not be loaded';
  });
}

function showPager(total, n, hasNext) {
  var from = P.page * SIZE, all = +attr(pmTable, 'data-total');
  if (countEl) countEl.textContent = total + ' of ' + all + ' postmortem' + (all === 1 ? '' : 's');
  var info = $('hs-page-info');
  if (info) info.textContent = n ? 'Showing ' + (from + 1) + '\u2013' + (from + n) + ' of ' + total : '';
  if ($('hs-prev')) $('hs-prev').disabled = P.page === 0;
  if ($('hs-next')) $('hs-next').disabled = !hasNext;
}

function pagedSort(th) {
  var key = SORT_KEYS[th.cellIndex];
  P.desc = attr(th, 'aria-sort') === 'ascending';
  P.sort = key;
  each(pmTable.tHead.querySelectorAll('th[aria-sort]'), function (h) { h.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', P.desc ? 'descending' : 'ascending');
  P.page = 0;
  P.cursors = [null];
  pagedLoad();
}

if (PAGED) {
  $('hs-next').addEventListener('click', function () { P.page++; pagedLoad(); });
  $('hs-prev').addEventListener('click', function () { if (P.page) { P.page--; pagedLoad(); } });
  $('hs-prev').disabled = true;
}

/* ------------------------------------------------------------------
 * Index filters, mirrored in the URL hash so links can pre-filter:
 * #severity=SEV1&tag=dns&service=payment-api&q=pool
 */
var F = { severity: $('hs-filter-severity'), tag: $('hs-filter-tag'),
          service: $('hs-filter-service'), q: $('hs-filter-text') };
var KEYS = Object.keys(F).filter(function (k) { return F[k]; });

function val(k) { return F[k] ? F[k].value.trim() : ''; }
function hasItem(csv, v) { return csv.split(',').indexOf(v) >= 0; }

function applyFilters() {
  if (PAGED) { P.page = 0; P.cursors = [null]; return pagedLoad(); }
  var sev = val('severity').toUpperCase(), tag = val('tag'), svc = val('service');
  var qw = val('q').toLowerCase().split(/\s+/).filter(Boolean);
  var shown = 0, all = 0;
  each(pmTable.tBodies, function (tb) {
    each(tb.rows, function (r) {
      var ok = (!sev || attr(r, 'data-severity').toUpperCase() === sev) &&
        (!tag || hasItem(attr(r, 'data-tags'), tag)) &&
        (!svc || hasItem(attr(r, 'data-services'), svc));
      if (ok && qw.length) {
        var t = attr(r, 'data-text') || r.textContent.toLowerCase();
        ok = qw.every(function (w) { return t.indexOf(w) >= 0; });
      }
      r.hidden = !ok;
      all++;
      if (ok) shown++;
    });
  });
  if (countEl) countEl.textContent = shown + ' of ' + all + ' postmortem' + (all === 1 ? '' : 's');
}

function writeHash() {
  var h = KEYS.filter(val).map(function (k) { return k + '=' + encodeURIComponent(val(k)); }).join('&');
  if ('#' + h === location.hash || (!h && !location.hash)) return;
  try {
    history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
  } catch (e) {
    location.hash = h; // where replaceState is refused
  }
}

function readHash() {
  var p = {};
  location.hash.slice(1).split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' ')); } catch (e) { /* bad % */ }
  });
  KEYS.forEach(function (k) {
    var c = F[k], v = p[k] || '';
    if (k === 'severity') v = v.toUpperCase();
    // An unknown tag or service from a link still filters (to no rows).
    if (c.tagName === 'SELECT' && v && ![].some.call(c.options, function (o) { return o.value === v; })) {
      c.appendChild(el('option', { value: v }, v));
    }
    c.value = v;
  });
  if (PAGED && !KEYS.some(val) && !P.seq) return; // the server's first screen
  applyFilters();
}

if (pmTable) {
  KEYS.forEach(function (k) {
    F[k].addEventListener(k === 'q' ? 'input' : 'change', function () { applyFilters(); writeHash(); });
  });
  window.addEventListener('hashchange', readHash);
  readHash();
}
})();
