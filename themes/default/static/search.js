// Search over task titles, groups, phases and note text, in the browser and offline.
// Loads search-index.json (written at build time) on first use, or search-index.js
// for a site opened from disk; "/" focuses the box, arrow keys move through the
// results, Enter follows one, Escape closes them. Matches are marked (<mark>) and a
// snippet of the note text that matched is shown. Without JavaScript the form stays
// hidden and the site works as before.
(function () {
  'use strict';
  // Every string this script shows, in one place (to translate the theme).
  var TEXT = {
    status: { done: 'Done', in_progress: 'In progress', todo: 'To do', skipped: 'Skipped' },
    noResults: 'No results',
    oneResult: '1 result',
    results: ' results',
    unavailable: 'Search is unavailable: its index did not load. Run roadmap-site serve to preview the site.',
    ellipsis: '…'
  };
  var form = document.querySelector('form.site-search');
  if (!form || !window.fetch) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input[type=search]');
  var list = form.querySelector('.search-results');
  var status = form.querySelector('#search-status');
  // The page's language: the strings of the theme's i18n file, which come with the
  // search index (`strings`; a theme may also give them on the form as data-strings),
  // plural forms chosen by the browser's CLDR rules; English without them. The one
  // message needed before the index loads, that it did not, is on the form
  // (data-unavailable), so that pages do not each carry the others.
  var strings = {};
  try { strings = JSON.parse(form.getAttribute('data-strings') || '{}'); } catch (e) { strings = {}; }
  function word(key, english) { return typeof strings[key] === 'string' ? strings[key] : english; }
  function translate() {
    TEXT.status = {
      done: word('status_done', TEXT.status.done),
      in_progress: word('status_in_progress', TEXT.status.in_progress),
      todo: word('status_todo', TEXT.status.todo),
      skipped: word('status_skipped', TEXT.status.skipped)
    };
    TEXT.noResults = word('search_no_results', TEXT.noResults);
  }
  translate();
  TEXT.unavailable = form.getAttribute('data-unavailable') || word('search_unavailable', TEXT.unavailable);
  function results(n) {
    var forms = strings.search_results;
    if (!forms || typeof forms !== 'object') return n === 1 ? TEXT.oneResult : n + TEXT.results;
    var category = 'other';
    try { category = new Intl.PluralRules(document.documentElement.lang || 'en').select(n); } catch (e) { category = 'other'; }
    return (forms[category] || forms.other || '{n}').replace('{n}', String(n));
  }
  // The index's status numbers: done, in_progress, todo, skipped.
  var STATUS = [['done', '✓'], ['in_progress', '◐'], ['todo', '○'], ['skipped', '⤼']];
  var MAX = 12;
  // Characters of note text around the first match that a result shows.
  var SNIPPET_BEFORE = 40;
  var SNIPPET_LENGTH = 140;
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
          if (data.strings && typeof data.strings === 'object') { strings = data.strings; translate(); }
          index = data.tasks.map(function (t) {
            var phase = data.phases[t[2]] || '';
            var where = phase + (t[4] ? ' › ' + t[4] : '');
            return { t: t, where: where, title: t[0].toLowerCase(), rest: where.toLowerCase(), text: (t[5] || '').toLowerCase() };
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

  // A letter or digit: a match right after one is inside a word.
  var WORD_CHAR = (function () {
    try { return new RegExp('[\\p{L}\\p{N}]', 'u'); } catch (e) { return /[0-9A-Za-z\u00C0-\uFFFF]/; }
  })();

  // Where `word` first starts a word of `hay`, else where it first occurs; -1 if not.
  function find(hay, word) {
    var first = hay.indexOf(word);
    for (var at = first; at >= 0; at = hay.indexOf(word, at + 1)) {
      if (at === 0 || !WORD_CHAR.test(hay.charAt(at - 1))) return { at: at, start: true };
    }
    return first < 0 ? null : { at: first, start: false };
  }

  // Ranks a task for the query words, or null when a word is nowhere. Lower is better:
  // word starts in the title first, then anywhere in the title, then word starts in
  // the phase, groups or notes, then the rest; then the earlier match in the title,
  // the shorter title, the roadmap's order.
  function rank(e, words, i) {
    var tier = 0;
    var pos = Infinity;
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      var m = find(e.title, word);
      if (m) {
        tier += m.start ? 0 : 1;
        if (w === 0) pos = m.at;
        continue;
      }
      m = find(e.rest, word) || find(e.text, word);
      if (!m) return null;
      tier += m.start ? 2 : 3;
    }
    return [tier, pos, e.title.length, i];
  }

  function compare(a, b) {
    for (var k = 0; k < a.key.length; k++) {
      if (a.key[k] !== b.key[k]) return a.key[k] < b.key[k] ? -1 : 1;
    }
    return 0;
  }

  // Appends `text` to `parent` with every occurrence of the query words in a <mark>.
  function appendMarked(parent, text, words) {
    var lower = text.toLowerCase();
    // Lower-casing can change a string's length (İ): then positions would not match.
    var ranges = [];
    if (lower.length === text.length) {
      words.forEach(function (word) {
        for (var at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
          ranges.push([at, at + word.length]);
        }
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var done = 0;
    ranges.forEach(function (r) {
      if (r[1] <= done) return;
      var from = Math.max(r[0], done);
      if (from > done) parent.appendChild(document.createTextNode(text.slice(done, from)));
      parent.appendChild(el('mark', null, text.slice(from, r[1])));
      done = r[1];
    });
    if (done < text.length) parent.appendChild(document.createTextNode(text.slice(done)));
  }

  // A stretch of the note text around its first match, cut at spaces; '' without one.
  function snippet(e, words) {
    var first = -1;
    words.forEach(function (word) {
      var at = e.text.indexOf(word);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    if (first < 0) return '';
    var text = e.t[5];
    var start = Math.max(0, first - SNIPPET_BEFORE);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var last = text.lastIndexOf(' ', end);
      end = last > first ? last : end;
    }
    return (start > 0 ? TEXT.ellipsis : '') + text.slice(start, end) + (end < text.length ? TEXT.ellipsis : '');
  }

  function show(message) {
    list.appendChild(el('li', 'search-empty', message));
    status.textContent = message;
    list.hidden = false;
  }

  function search() {
    var q = input.value.trim().toLowerCase();
    list.textContent = '';
    if (q && failed) {
      // Said where it is seen, not only to screen readers: the box would look dead.
      show(TEXT.unavailable);
      return;
    }
    if (!q || !index) { list.hidden = true; status.textContent = ''; return; }
    var words = q.split(/\s+/);
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var key = rank(index[i], words, i);
      if (key) hits.push({ e: index[i], key: key });
    }
    hits.sort(compare);
    if (hits.length === 0) { show(TEXT.noResults); return; }
    status.textContent = results(hits.length);
    hits.slice(0, MAX).forEach(function (h) {
      var t = h.e.t;
      var s = STATUS[t[3]] || STATUS[2];
      var a = el('a');
      a.href = root + 'tasks/' + encodeURIComponent(t[1]) + '.html';
      var chip = el('span', 'chip chip-' + s[0]);
      var icon = el('span', 'chip-icon', s[1]);
      icon.setAttribute('aria-hidden', 'true');
      chip.appendChild(icon);
      chip.appendChild(document.createTextNode(TEXT.status[s[0]]));
      var main = el('span', 'search-main');
      var title = el('span', 'search-title');
      appendMarked(title, t[0], words);
      var where = el('span', 'search-where muted');
      appendMarked(where, h.e.where, words);
      main.appendChild(title);
      main.appendChild(where);
      var found = snippet(h.e, words);
      if (found) {
        var p = el('span', 'search-snippet');
        appendMarked(p, found, words);
        main.appendChild(p);
      }
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

  function close() { list.hidden = true; }

  form.hidden = false;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  input.addEventListener('focus', function () {
    load();
    if (input.value.trim() && list.childNodes.length) list.hidden = false;
  });
  input.addEventListener('input', function () { load().then(search); });
  form.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); move(1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); move(-1); }
    else if (ev.key === 'Escape') { close(); input.focus(); }
  });
  // Focus or a click elsewhere closes the results, as any pop-up list does.
  document.addEventListener('click', function (ev) { if (!form.contains(ev.target)) close(); });
  form.addEventListener('focusout', function (ev) {
    if (ev.relatedTarget && !form.contains(ev.relatedTarget)) close();
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
