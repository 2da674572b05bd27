// Search over task titles, groups, phases and note text, in the browser and offline.
// Loads search-index.json (written at build time) on first use, or search-index.js
// for a site opened from disk; "/" focuses the box, arrow keys move through the
// results, Enter follows one. Without JavaScript the form stays hidden and the site
// works as before.
(function () {
  'use strict';
  var form = document.querySelector('form.site-search');
  if (!form || !window.fetch) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input[type=search]');
  var list = form.querySelector('.search-results');
  var status = form.querySelector('#search-status');
  // The page's language: strings from base.html (data-strings, the theme's i18n
  // file), plural forms chosen by the browser's CLDR rules; English without them.
  var words = {};
  try { words = JSON.parse(form.getAttribute('data-strings') || '{}'); } catch (e) { words = {}; }
  function word(key, english) { return typeof words[key] === 'string' ? words[key] : english; }
  function results(n) {
    var forms = words.search_results;
    if (!forms || typeof forms !== 'object') return n + (n === 1 ? ' result' : ' results');
    var category = 'other';
    try { category = new Intl.PluralRules(document.documentElement.lang || 'en').select(n); } catch (e) { category = 'other'; }
    return (forms[category] || forms.other || '{n}').replace('{n}', String(n));
  }
  var STATUS = [['done', word('status_done', 'Done'), '✓'], ['in_progress', word('status_in_progress', 'In progress'), '◐'], ['todo', word('status_todo', 'To do'), '○'], ['skipped', word('status_skipped', 'Skipped'), '⤼']];
  var MAX = 12;
  var index = null;
  var loading = null;
  var failed = false;
  // `roadmap-site serve` updated the page in place: the index may be outdated.
  document.addEventListener('roadmap-site:updated', function () { index = null; loading = null; });

  // Browsers refuse fetch() to a page opened from disk (file://), but still run its
  // scripts: there the same index comes as search-index.js, which sets a global.
  function fetchIndex() {
    if (location.protocol !== 'file:') {
      return fetch(root + 'search-index.json')
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); });
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = root + 'search-index.js';
      script.onload = function () {
        if (window.roadmapSiteSearchIndex) resolve(window.roadmapSiteSearchIndex);
        else reject(new Error('search-index.js set no index'));
      };
      script.onerror = function () { reject(new Error('search-index.js did not load')); };
      document.head.appendChild(script);
    });
  }

  function load() {
    if (!loading) {
      failed = false;
      loading = fetchIndex()
        .then(function (data) {
          index = data.tasks.map(function (t) {
            var phase = data.phases[t[2]] || '';
            return { t: t, hay: [t[0], t[4] || '', phase, t[5] || ''].join(' \u0001 ').toLowerCase(), phase: phase };
          });
        })
        .catch(function () { failed = true; loading = null; });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function search() {
    var q = input.value.trim().toLowerCase();
    list.textContent = '';
    if (q && failed) {
      // Said where it is seen, not only to screen readers: the box would look dead.
      var why = word('search_unavailable', 'Search is unavailable: its index did not load. Run roadmap-site serve to preview the site.');
      list.appendChild(el('li', 'search-empty', why));
      status.textContent = why;
      list.hidden = false;
      return;
    }
    if (!q || !index) { list.hidden = true; status.textContent = ''; return; }
    var words = q.split(/\s+/);
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i];
      if (words.every(function (w) { return e.hay.indexOf(w) >= 0; })) {
        // Title matches first, then the rest in roadmap order.
        hits.push({ e: e, score: e.t[0].toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1, i: i });
      }
    }
    hits.sort(function (a, b) { return a.score - b.score || a.i - b.i; });
    var none = word('search_no_results', 'No results');
    status.textContent = hits.length === 0 ? none : results(hits.length);
    if (hits.length === 0) {
      list.appendChild(el('li', 'search-empty', none));
    }
    hits.slice(0, MAX).forEach(function (h) {
      var t = h.e.t;
      var s = STATUS[t[3]] || STATUS[2];
      var a = el('a');
      a.href = root + 'tasks/' + encodeURIComponent(t[1]) + '.html';
      var chip = el('span', 'chip chip-' + s[0]);
      var icon = el('span', 'chip-icon', s[2]);
      icon.setAttribute('aria-hidden', 'true');
      chip.appendChild(icon);
      chip.appendChild(document.createTextNode(s[1]));
      var main = el('span');
      main.appendChild(el('span', 'search-title', t[0]));
      main.appendChild(el('br'));
      main.appendChild(el('span', 'muted', h.e.phase + (t[4] ? ' › ' + t[4] : '')));
      a.appendChild(chip);
      a.appendChild(main);
      var li = el('li');
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  function move(step) {
    var all = links();
    if (all.length === 0) return;
    var at = all.indexOf(document.activeElement);
    var next = at + step;
    if (next < 0) { input.focus(); return; }
    all[Math.min(next, all.length - 1)].focus();
  }

  form.hidden = false;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  input.addEventListener('focus', load);
  input.addEventListener('input', function () { load().then(search); });
  form.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); move(1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); move(-1); }
    else if (ev.key === 'Escape') { list.hidden = true; input.focus(); }
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      input.focus();
    }
  });
})();
