/* hindsight static web view: search box, sortable tables, index filters.
   Plain ES2017, no modules, no network except the live API (data-api="1").
   Works from file:// and any static host. Data is always inserted as text;
   the one exception is the live API's snippet, which arrives HTML-escaped
   with <mark> and is still filtered to <mark> elements only. */
(function () {
  'use strict';

  var body = document.body;
  var ROOT = body.getAttribute('data-root') || '';
  var LIVE = body.getAttribute('data-api') === '1';
  var MAX = 20;

  /* Small DOM helper: el('a', {href: x}, 'text'). Children are text or nodes. */
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    [].concat(kids == null ? [] : kids).forEach(function (k) {
      e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
    });
    return e;
  }
  function sevBadge(sev) {
    var m = /^SEV([1-4])$/i.exec(sev || '');
    return el('span', { 'class': 'sev sev' + (m ? m[1] : '0') }, m ? 'SEV' + m[1] : 'SEV?');
  }
  /* Lower-case and split into words (letters and digits, any script). */
  var NONWORD = /[^0-9a-z\u00c0-\uffff]+/g;
  function words(s) {
    return String(s || '').toLowerCase().split(NONWORD).filter(Boolean);
  }
  /* The same words as one string ' w1 w2 ...', for indexOf(' ' + prefix). */
  function norm(s) {
    return ' ' + String(s || '').toLowerCase().replace(NONWORD, ' ');
  }

  /* ------------------------------------------------------------------
   * Search box
   */
  var input = document.getElementById('hs-search');
  var list = document.getElementById('hs-search-results');
  var prepared = null;   // docs with precomputed word strings, built on first use
  var byId = null;       // id -> url, to link live results to the static pages
  var active = -1;       // highlighted result, -1 for none
  var timer = 0, seq = 0, lastWords = null, lastHits = null;

  /* Precompute once: ' w1 w2 ...' per field, so a prefix test is one
     indexOf(' ' + word). The date becomes a number for ranking. */
  function prepare() {
    if (prepared) return prepared;
    var idx = window.HINDSIGHT_INDEX;
    var docs = (idx && idx.docs) || [];
    prepared = new Array(docs.length);
    byId = Object.create(null);
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      prepared[i] = {
        d: d,
        t: norm(d.title),
        g: norm((d.tags || []).concat(d.services || []).join(' ')),
        x: norm(d.text),
        n: d.date ? parseInt(d.date.replace(/-/g, ''), 10) || 0 : 0
      };
      if (d.id) byId[d.id] = d.url;
    }
    return prepared;
  }

  /* Rank: per query word, title 4 > tags/services 2 > text 1 (AND over words),
     then newer first. Keeps the best MAX in a small sorted array. */
  function searchLocal(q) {
    var qw = words(q);
    var docs = prepare();
    // Typing more of the same query only narrows (AND of prefixes): when every
    // previous word is a prefix of the new word at its place, reuse the hits.
    var pool = lastWords && lastWords.length <= qw.length && lastWords.every(function (w, i) {
      return qw[i].indexOf(w) === 0;
    }) ? lastHits : null;
    var hits = [], top = [], n = pool ? pool.length : docs.length;
    for (var k = 0; k < n; k++) {
      var i = pool ? pool[k] : k, p = docs[i], score = 0;
      for (var j = 0; j < qw.length; j++) {
        var w = ' ' + qw[j];
        var s = p.t.indexOf(w) >= 0 ? 4 : p.g.indexOf(w) >= 0 ? 2 : p.x.indexOf(w) >= 0 ? 1 : 0;
        if (!s) break;
        score += s;
      }
      if (j < qw.length) continue;
      hits.push(i);
      var key = score * 1e9 + p.n;
      if (top.length < MAX || key > top[top.length - 1].key) {
        var at = top.length;
        while (at > 0 && top[at - 1].key < key) at--;
        top.splice(at, 0, { key: key, i: i });
        if (top.length > MAX) top.pop();
      }
    }
    lastWords = qw; lastHits = hits;
    return {
      total: hits.length,
      results: top.map(function (t) {
        var d = docs[t.i].d;
        return { title: d.title, date: d.date, severity: d.severity, url: ROOT + d.url };
      })
    };
  }

  /* Keep only <mark> elements of an already-escaped snippet; anything else
     becomes its text. A <template> is inert, so nothing loads or runs. */
  function snippetNode(html) {
    var t = document.createElement('template');
    t.innerHTML = String(html);
    [].slice.call(t.content.querySelectorAll('*')).reverse().forEach(function (e) {
      if (e.tagName !== 'MARK' || e.attributes.length) e.replaceWith(document.createTextNode(e.textContent));
    });
    return el('span', { 'class': 'snip' }, t.content);
  }

  function liveUrl(r) {
    if (r.url) return ROOT + r.url;
    if (window.HINDSIGHT_INDEX) prepare();
    if (byId && byId[r.id]) return ROOT + byId[r.id];
    return ROOT + 'pm/' + encodeURIComponent(r.id) + '.html';
  }

  function show(res, message) {
    list.textContent = '';
    active = -1;
    input.removeAttribute('aria-activedescendant');
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
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); }); // keep focus
        li.addEventListener('click', function (ev) {
          if (ev.target.tagName !== 'A') location.href = r.url;
        });
        list.appendChild(li);
      });
      if (res.total > res.results.length) {
        list.appendChild(el('li', { 'class': 'hs-none' },
          res.results.length + ' of ' + res.total + ' matches; type more to narrow'));
      }
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function run() {
    var q = input.value.trim();
    var my = ++seq;
    if (!words(q).length) { close(); return; }
    if (!LIVE) {
      if (!window.HINDSIGHT_INDEX) show(null, 'Search index not loaded');
      else show(searchLocal(q));
      return;
    }
    fetch(ROOT + 'api/search?q=' + encodeURIComponent(q) + '&limit=' + MAX)
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (j) {
        if (my !== seq) return; // a newer query is on its way
        var rs = (j.results || []).map(function (r) {
          return { id: r.id, title: r.title, date: r.date, severity: r.severity,
                   snippet: r.snippet, url: liveUrl(r) };
        });
        show({ total: j.total || rs.length, results: rs });
      })
      .catch(function () { if (my === seq) show(null, 'Search is unavailable'); });
  }

  function move(delta) {
    var items = list.querySelectorAll('li[role=option]');
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove('active');
    active = (active + 1 + delta + items.length + 1) % (items.length + 1) - 1; // -1 = the input
    if (active >= 0) {
      items[active].classList.add('active');
      items[active].scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', items[active].id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  if (input && list) {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-controls', 'hs-search-results');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-autocomplete', 'list');
    list.setAttribute('role', 'listbox');
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    input.addEventListener('focus', function () {
      if (input.value.trim()) run();
      else if (!LIVE && window.HINDSIGHT_INDEX) setTimeout(prepare, 0); // warm up before typing
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (list.hidden) { if (input.value.trim()) run(); return; }
        ev.preventDefault();
        move(ev.key === 'ArrowDown' ? 1 : -1);
      } else if (ev.key === 'Escape') {
        if (!list.hidden) { ev.preventDefault(); close(); }
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        clearTimeout(timer);
        var a = list.hidden ? null : list.querySelector(active >= 0 ? '#hs-r' + active + ' a' : 'li[role=option] a');
        if (a) location.href = a.getAttribute('href');
        else run();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  /* ------------------------------------------------------------------
   * Sortable tables: any th[data-sort] (date, text, sev, num).
   * Empty values sort last in both directions; ties keep the current order.
   */
  function cellKey(cell, type, row) {
    if (!cell) return null;
    var v = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
    v = v.trim();
    if (type === 'sev') {
      var m = /SEV\s*([0-9])/i.exec(v) || (row && /SEV\s*([0-9])/i.exec(row.getAttribute('data-severity') || ''));
      return m ? +m[1] : null;
    }
    if (v === '') return null;
    if (type === 'num') { var f = parseFloat(v); return isNaN(f) ? null : f; }
    return type === 'text' ? v.toLowerCase() : v; // dates: ISO strings compare as text
  }

  function sortTable(table, th) {
    var col = th.cellIndex, type = th.getAttribute('data-sort');
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    [].forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    [].forEach.call(table.tBodies, function (tb) {
      var rows = [].map.call(tb.rows, function (r, i) {
        return { r: r, i: i, k: cellKey(r.cells[col], type, r) };
      });
      rows.sort(function (a, b) {
        if (a.k === b.k) return a.i - b.i;
        if (a.k === null) return 1;
        if (b.k === null) return -1;
        var c = typeof a.k === 'number' ? a.k - b.k : a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
        return c ? c * dir : a.i - b.i;
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (x) { frag.appendChild(x.r); });
      tb.appendChild(frag);
    });
  }

  [].forEach.call(document.querySelectorAll('table'), function (table) {
    if (!table.tHead) return;
    [].forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
      th.tabIndex = 0;
      th.title = 'Sort by ' + th.textContent.trim();
      th.addEventListener('click', function () { sortTable(table, th); });
      th.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sortTable(table, th); }
      });
    });
  });

  /* ------------------------------------------------------------------
   * Index page filters, mirrored in the URL hash: #severity=SEV1&tag=dns&service=x&q=text
   */
  var pmTable = document.getElementById('hs-pm-table');
  var F = {
    severity: document.getElementById('hs-filter-severity'),
    tag: document.getElementById('hs-filter-tag'),
    service: document.getElementById('hs-filter-service'),
    q: document.getElementById('hs-filter-text')
  };
  var countEl = document.getElementById('hs-count');

  function val(k) { return F[k] ? F[k].value.trim() : ''; }

  function applyFilters() {
    var sev = val('severity').toUpperCase(), tag = val('tag'), svc = val('service');
    var qw = val('q').toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, all = 0;
    [].forEach.call(pmTable.tBodies, function (tb) {
      [].forEach.call(tb.rows, function (r) {
        var ok = (!sev || (r.getAttribute('data-severity') || '').toUpperCase() === sev) &&
          (!tag || (r.getAttribute('data-tags') || '').split(',').indexOf(tag) >= 0) &&
          (!svc || (r.getAttribute('data-services') || '').split(',').indexOf(svc) >= 0);
        if (ok && qw.length) {
          var t = r.getAttribute('data-text') || r.textContent.toLowerCase();
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
    var parts = [];
    Object.keys(F).forEach(function (k) {
      var v = val(k);
      if (v) parts.push(k + '=' + encodeURIComponent(v));
    });
    var h = parts.length ? '#' + parts.join('&') : '';
    if (h === location.hash || (!h && !location.hash)) return;
    try {
      history.replaceState(null, '', h || location.pathname + location.search);
    } catch (e) {
      location.hash = h; // some file:// setups refuse replaceState
    }
  }

  function readHash() {
    var p = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) {
        try { p[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' ')); } catch (e) { /* bad escape */ }
      }
    });
    if (p.text != null && p.q == null) p.q = p.text;
    Object.keys(F).forEach(function (k) {
      var c = F[k], v = p[k] || '';
      if (!c) return;
      if (k === 'severity') v = v.toUpperCase();
      if (c.tagName === 'SELECT' && v && ![].some.call(c.options, function (o) { return o.value === v; })) {
        c.appendChild(el('option', { value: v }, v)); // keep the link's intent visible
      }
      c.value = v;
    });
    applyFilters();
  }

  if (pmTable) {
    Object.keys(F).forEach(function (k) {
      if (!F[k]) return;
      F[k].addEventListener(k === 'q' ? 'input' : 'change', function () {
        applyFilters();
        writeHash();
      });
    });
    window.addEventListener('hashchange', readHash);
    readHash();
  }
})();
