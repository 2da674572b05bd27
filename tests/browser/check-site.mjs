#!/usr/bin/env node
// Checks a built site as a browser and a validator see it.
//
//   node tests/browser/check-site.mjs <site-dir> [--base /sub/path/] [--pages a.html,b/c.html]
//
// 1. HTML validity: the Nu Html Checker (vnu.jar, errors only) on every .html file.
// 2. Browser: the site is served on 127.0.0.1 under the base path (default "/"; use a
//    sub-path such as /my-project/ to mimic GitHub project pages) and each page is
//    opened in headless Chromium: console errors, failed requests and any request to
//    a host other than 127.0.0.1 (the site must make no external request) fail, and
//    axe-core violations of impact serious or critical fail (colour contrast is also
//    checked in the dark colour scheme).
// 3. Links: every local href/src (a, link, img, script, source, and url() in .css)
//    of every .html file is fetched from the server and must answer 200; "#id"
//    fragments must name an id of the target page; pages must not load external
//    resources (scripts, stylesheets, images, fonts, icons).
//
// Pages opened by default: index.html and the first .html file of each folder, at
// most 6. The report ends with the line "N passed, M failed": N is the number of
// checks that passed, M the number of problems found. Exit code 0 only when M is 0.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { serveSite, launchChromium, listFiles, isHtml, normalizeBase, CHROMIUM } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_DEFAULT_PAGES = 6;
const TIMEOUT_MS = Number(process.env.CHECK_SITE_TIMEOUT_MS || 150_000);

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`check-site: ${message}`);
  console.error('usage: node check-site.mjs <site-dir> [--base /sub/path/] [--pages a.html,b/c.html]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, base: '/', pages: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--base') opts.base = value();
    else if (a.startsWith('--base=')) opts.base = a.slice(7);
    else if (a === '--pages') opts.pages = value();
    else if (a.startsWith('--pages=')) opts.pages = a.slice(8);
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.site === null) opts.site = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!opts.site) usage('no site folder given');
  opts.base = normalizeBase(opts.base);
  if (opts.pages !== null) {
    opts.pages = opts.pages.split(',').map((p) => p.trim().replace(/^\/+/, '')).filter(Boolean);
  }
  return opts;
}

// ---------------------------------------------------------------- results

class Section {
  constructor(title) {
    this.title = title;
    this.lines = [];
    this.passed = 0;
    this.failed = 0;
    this.started = Date.now();
    this.ms = null;
  }
  ok(text) { this.passed++; this.lines.push(`ok    ${text}`); }
  fail(text) { this.failed++; this.lines.push(`FAIL  ${text}`); }
  note(text) { this.lines.push(`note  ${text}`); }
  done() { this.ms = Date.now() - this.started; return this; }
  print() {
    const time = this.ms === null ? 'unfinished' : `${(this.ms / 1000).toFixed(1)} s`;
    console.log(`\n== ${this.title} (${time}): ${this.passed} passed, ${this.failed} failed`);
    for (const line of this.lines) console.log(line);
  }
}

const sections = [];
function section(title) {
  const s = new Section(title);
  sections.push(s);
  return s;
}

function finish(extraFailure) {
  let passed = 0;
  let failed = 0;
  for (const s of sections) {
    s.print();
    passed += s.passed;
    failed += s.failed;
  }
  if (extraFailure) {
    console.log(`\nFAIL  ${extraFailure}`);
    failed++;
  }
  console.log('');
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

// ---------------------------------------------------------------- HTML scanning

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/// The start tags of an HTML document as { name, attrs: Map, line }, comments and
/// the text of script/style elements left out.
function startTags(html) {
  const tags = [];
  const lineAt = (() => {
    const starts = [0];
    for (let i = 0; i < html.length; i++) if (html[i] === '\n') starts.push(i + 1);
    return (pos) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
      }
      return lo + 1;
    };
  })();
  const tagRe = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const attrRe = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = tagRe.exec(html))) {
    if (!m[1]) continue; // a comment
    const name = m[1].toLowerCase();
    const attrs = new Map();
    let a;
    attrRe.lastIndex = 0;
    while ((a = attrRe.exec(m[2]))) {
      const key = a[1].toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({ name, attrs, line: lineAt(m.index) });
    if (name === 'script' || name === 'style') {
      // Skip raw text up to the end tag.
      const end = html.toLowerCase().indexOf(`</${name}`, tagRe.lastIndex);
      tagRe.lastIndex = end === -1 ? html.length : end;
    }
  }
  return tags;
}

const LINK_ATTRS = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  script: ['src'],
  source: ['src', 'srcset'],
};

/// Links a page loads by itself (not ones a person follows).
function isSubresource(tag) {
  if (tag.name === 'a' || tag.name === 'area') return false;
  if (tag.name === 'link') {
    const rel = (tag.attrs.get('rel') || '').toLowerCase().split(/\s+/);
    return rel.some((r) => ['stylesheet', 'icon', 'preload', 'modulepreload', 'prefetch', 'manifest',
      'apple-touch-icon', 'mask-icon', 'preconnect', 'dns-prefetch'].includes(r));
  }
  return true;
}

function srcsetUrls(value) {
  return value.split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean);
}

// ---------------------------------------------------------------- 1. Nu Html Checker

function runVnu(siteDir, htmlFiles) {
  const s = section(`HTML validity: Nu Html Checker on ${htmlFiles.length} file(s)`);
  if (htmlFiles.length === 0) {
    s.fail('no .html file in the site');
    return Promise.resolve(s.done());
  }
  const require = createRequire(import.meta.url);
  const jar = String(require('vnu-jar'));
  const files = htmlFiles.map((f) => path.join(siteDir, f));
  const args = ['-Xss4m', '-jar', jar, '--format', 'json', '--errors-only', '--stdout', ...files];
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    let child;
    try {
      child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      s.fail(`cannot run java: ${e.message} (install default-jre-headless, or run .ci/run)`);
      return resolve(s.done());
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS - 10_000);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => {
      clearTimeout(timer);
      s.fail(`cannot run java: ${e.message} (install default-jre-headless, or run .ci/run)`);
      resolve(s.done());
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let report;
      try {
        report = JSON.parse(out.trim() || err.trim());
      } catch {
        s.fail(`vnu.jar ended with ${signal || code} and no JSON report:\n${(err || out).trim().slice(0, 2000)}`);
        return resolve(s.done());
      }
      const byFile = new Map(htmlFiles.map((f) => [f, []]));
      for (const msg of report.messages || []) {
        let file = '?';
        if (msg.url) {
          try {
            file = path.relative(siteDir, fileURLToPath(new URL(msg.url))).split(path.sep).join('/');
          } catch { file = msg.url; }
        }
        if (!byFile.has(file)) byFile.set(file, []);
        byFile.get(file).push(msg);
      }
      for (const [file, msgs] of byFile) {
        const errors = msgs.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
        if (errors.length === 0) {
          s.ok(file);
          continue;
        }
        for (const m of errors) {
          const where = m.lastLine ? `${file}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 1}` : file;
          const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}]` : '';
          s.fail(`${where}: ${m.message}${extract}`);
        }
      }
      resolve(s.done());
    });
  });
}

// ---------------------------------------------------------------- 2. browser

function defaultPages(htmlFiles) {
  const pages = [];
  if (htmlFiles.includes('index.html')) pages.push('index.html');
  const seenDirs = new Set(['']);
  for (const f of htmlFiles) {
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    if (seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    pages.push(f);
  }
  return pages.slice(0, MAX_DEFAULT_PAGES);
}

const encodePath = (rel) => rel.split('/').map(encodeURIComponent).join('/');

// Where the 404 page is opened: a missing page directly under the base, where
// GitHub Pages serves 404.html with status 404.
const MISSING_PAGE = 'this-page-does-not-exist.html';

async function runBrowser(siteDir, server, pages, htmlFiles, withNotFound) {
  const count = pages.length + (withNotFound ? 1 : 0);
  const s = section(`Browser: Chromium at ${server.origin}${server.base}, ${count} page(s)`);
  const require = createRequire(import.meta.url);
  const axePath = require.resolve('axe-core/axe.min.js');
  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    s.fail(`cannot start ${CHROMIUM}: ${e.message.split('\n')[0]} (run .ci/run, or npm ci --prefix tests/browser)`);
    return s.done();
  }
  try {
    const probe = await browser.context.newPage();
    s.note(`browser: ${await probe.evaluate(() => navigator.userAgent)}`);
    await probe.close();
    for (const rel of pages) {
      if (!htmlFiles.includes(rel)) {
        s.fail(`${rel}: no such page in the site`);
        continue;
      }
      await checkPage(s, browser.context, server, { label: rel, rel, status: 200 }, axePath);
    }
    if (withNotFound) {
      await checkPage(s, browser.context, server,
        { label: `404.html (at ${server.base}${MISSING_PAGE})`, rel: MISSING_PAGE, status: 404 }, axePath);
    }
  } finally {
    await browser.close();
  }
  return s.done();
}

async function checkPage(s, context, server, { label: rel, rel: file, status: expected }, axePath) {
  const url = `${server.origin}${server.base}${encodePath(file)}`;
  const page = await context.newPage();
  const consoleErrors = [];
  const failedRequests = [];
  const external = [];
  const badUrls = new Set();
  const isLocal = (u) => {
    try {
      const p = new URL(u);
      return !['http:', 'https:', 'ws:', 'wss:'].includes(p.protocol) || p.hostname === '127.0.0.1';
    } catch { return true; }
  };
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocal(u)) return route.continue();
    external.push(`${route.request().resourceType()} ${u}`);
    badUrls.add(u);
    return route.abort('blockedbyclient');
  });
  page.on('websocket', (ws) => {
    if (!isLocal(ws.url())) external.push(`websocket ${ws.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    // A failed load is reported once, as a failed request, not again as a console error.
    if (/^Failed to load resource/.test(m.text()) && loc?.url &&
      (badUrls.has(loc.url) || !isLocal(loc.url) || (expected !== 200 && loc.url === url))) return;
    const where = loc?.url ? ` (${loc.url.replace(server.origin, '')}:${loc.lineNumber ?? 0})` : '';
    consoleErrors.push(`${m.text()}${where}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught ${e.name || 'error'}: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!isLocal(r.url())) return; // reported as an external request
    if (badUrls.has(r.url())) return; // already reported by its HTTP status
    badUrls.add(r.url());
    failedRequests.push(`${r.url().replace(server.origin, '')}: ${r.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (r) => {
    if (expected !== 200 && r.request().isNavigationRequest() && r.url() === url) return;
    if (r.status() >= 400 && !badUrls.has(r.url())) {
      badUrls.add(r.url());
      failedRequests.push(`${r.url().replace(server.origin, '')}: HTTP ${r.status()}`);
    }
  });

  try {
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
    } catch (e) {
      s.fail(`${rel}: could not be opened: ${e.message.split('\n')[0]}`);
      return;
    }
    if (response && response.status() === expected) s.ok(`${rel}: loads (HTTP ${expected})`);
    else s.fail(`${rel}: answers HTTP ${response ? response.status() : 'nothing'}, not ${expected}`);

    // axe-core, in the default (light) colour scheme, then contrast again in dark.
    let violations = [];
    try {
      await page.addScriptTag({ path: axePath });
      const run = (options) => page.evaluate(async (o) => {
        const r = await window.axe.run(document, o);
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.length,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
          summary: (v.nodes[0]?.failureSummary || '').split('\n').slice(1, 2).join(' ').trim(),
        }));
      }, options);
      violations = (await run({ resultTypes: ['violations'] })).map((v) => ({ ...v, scheme: 'light' }));
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await run({ runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
      violations.push(...dark.map((v) => ({ ...v, scheme: 'dark' })));
      await page.emulateMedia({ colorScheme: 'light' });
    } catch (e) {
      s.fail(`${rel}: axe-core could not run: ${e.message.split('\n')[0]}`);
      violations = null;
    }
    if (violations) {
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      for (const v of serious) {
        s.fail(`${rel}: axe ${v.id} (${v.impact}${v.scheme === 'dark' ? ', dark colour scheme' : ''}): ${v.help}` +
          ` — ${v.nodes} element(s), e.g. ${v.targets.join(' | ')}` + (v.summary ? ` — ${v.summary}` : '') +
          ` — ${v.helpUrl}`);
      }
      if (serious.length === 0) s.ok(`${rel}: axe-core, no serious or critical violation (light and dark)`);
      for (const v of violations.filter((x) => !serious.includes(x))) {
        s.note(`${rel}: axe ${v.id} (${v.impact}): ${v.help} — e.g. ${v.targets.join(' | ')}`);
      }
    }

    // Let late requests (lazy images, fonts) settle before judging the network.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    if (consoleErrors.length === 0) s.ok(`${rel}: no console error`);
    for (const c of consoleErrors) s.fail(`${rel}: console error: ${c}`);
    if (failedRequests.length === 0) s.ok(`${rel}: no failed request`);
    for (const r of failedRequests) s.fail(`${rel}: failed request: ${r}`);
    if (external.length === 0) s.ok(`${rel}: no external request`);
    for (const x of external) s.fail(`${rel}: external request (the site must load nothing from another host): ${x}`);
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- 3. links

async function runLinks(siteDir, server, files, htmlFiles) {
  const s = section(`Links: local href/src of ${htmlFiles.length} page(s), fetched under ${server.base}`);
  const pageUrl = (rel) => `${server.origin}${server.base}${encodePath(rel)}`;
  const idsOf = new Map(); // page URL without fragment → Set of ids (filled lazily)
  const scanned = new Map(); // rel → tags
  const tagsOf = (rel) => {
    if (!scanned.has(rel)) scanned.set(rel, startTags(fs.readFileSync(path.join(siteDir, rel), 'utf8')));
    return scanned.get(rel);
  };
  for (const rel of htmlFiles) {
    const ids = new Set();
    for (const t of tagsOf(rel)) {
      if (t.attrs.has('id')) ids.add(t.attrs.get('id'));
      if (t.name === 'a' && t.attrs.has('name')) ids.add(t.attrs.get('name'));
    }
    idsOf.set(pageUrl(rel), ids);
  }

  const fetches = new Map(); // URL → [where]
  const fragments = new Map(); // "URL#frag" → { url, frag, where: [] }
  const addRef = (from, line, raw, baseUrl, subresource) => {
    const value = raw.trim();
    if (value === '') return;
    const where = `${from}:${line} → ${value}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
      const scheme = value.startsWith('//') ? 'http:' : value.slice(0, value.indexOf(':') + 1).toLowerCase();
      if (subresource && ['http:', 'https:'].includes(scheme)) {
        s.fail(`${where}: external resource (the site must load nothing from another host)`);
      }
      return;
    }
    let target;
    try {
      target = new URL(value, baseUrl);
    } catch {
      s.fail(`${where}: not a valid URL`);
      return;
    }
    const frag = target.hash ? decodeURIComponent(target.hash.slice(1)) : null;
    target.hash = '';
    const key = target.href;
    if (!fetches.has(key)) fetches.set(key, []);
    fetches.get(key).push(where);
    if (frag !== null) {
      const fk = `${key}#${frag}`;
      if (!fragments.has(fk)) fragments.set(fk, { url: key, frag, where: [] });
      fragments.get(fk).where.push(where);
    }
  };

  for (const rel of htmlFiles) {
    const tags = tagsOf(rel);
    const baseTag = tags.find((t) => t.name === 'base' && t.attrs.has('href'));
    const baseUrl = baseTag ? new URL(baseTag.attrs.get('href'), pageUrl(rel)).href : pageUrl(rel);
    const relative = new Set();
    for (const t of tags) {
      for (const attr of LINK_ATTRS[t.name] || []) {
        if (!t.attrs.has(attr)) continue;
        const v = t.attrs.get(attr);
        const values = attr === 'srcset' ? srcsetUrls(v) : [v];
        for (const value of values) {
          addRef(rel, t.line, value, baseUrl, isSubresource(t));
          if (!/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(value.trim())) relative.add(value.trim());
        }
      }
    }
    if (rel === '404.html' && relative.size > 0 && !baseTag) {
      s.note(`404.html has relative links (${[...relative].slice(0, 4).join(', ')}): they work where GitHub Pages ` +
        `serves it for a missing page directly under the base, and break for a deeper one such as ` +
        `${server.base}tasks/gone.html (absolute links built from base_url would work everywhere)`);
    }
  }
  for (const rel of files.filter((f) => /\.css$/i.test(f))) {
    const css = fs.readFileSync(path.join(siteDir, rel), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
    let m;
    while ((m = re.exec(css))) {
      const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
      if (value.startsWith('#')) continue; // an SVG fragment reference
      const line = css.slice(0, m.index).split('\n').length;
      addRef(rel, line, value, pageUrl(rel), true);
    }
  }

  const entries = [...fetches.entries()];
  const status = new Map();
  const fetchOne = async ([url, where]) => {
    let answer;
    try {
      const r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
      await r.arrayBuffer();
      answer = r.status === 200 ? null : `HTTP ${r.status}${r.headers.get('location') ? ` → ${r.headers.get('location')}` : ''}`;
    } catch (e) {
      answer = e.message;
    }
    status.set(url, answer);
  };
  for (let i = 0; i < entries.length; i += 8) await Promise.all(entries.slice(i, i + 8).map(fetchOne));
  for (const [url, where] of entries) {
    const answer = status.get(url);
    const shown = url.startsWith(server.origin) ? url.slice(server.origin.length) : url;
    if (answer === null) s.ok(`${shown} (${where.length} reference${where.length === 1 ? '' : 's'})`);
    else for (const w of where) s.fail(`${w}: ${shown} answers ${answer}`);
  }

  for (const { url, frag, where } of fragments.values()) {
    const shown = `${url.slice(server.origin.length)}#${frag}`;
    if (status.get(url) !== null) continue; // the page itself is already a failure
    const ids = idsOf.get(url) ?? idsOf.get(url + 'index.html');
    if (ids === undefined) {
      s.note(`${shown}: not an HTML page of the site, fragment not checked`);
      continue;
    }
    if (frag === '' || frag.toLowerCase() === 'top' || ids.has(frag)) s.ok(`${shown}: id exists`);
    else for (const w of where) s.fail(`${w}: no element with id "${frag}" in ${url.slice(server.origin.length)}`);
  }
  return s.done();
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const siteDir = path.resolve(opts.site);
  if (!fs.statSync(siteDir, { throwIfNoEntry: false })?.isDirectory()) usage(`${siteDir} is not a folder`);
  if (!fs.existsSync(path.join(HERE, 'node_modules', 'playwright-core'))) {
    console.error(`check-site: ${path.join(HERE, 'node_modules')} is missing: run npm ci --prefix tests/browser (or .ci/run)`);
    process.exit(2);
  }

  const files = listFiles(siteDir);
  const htmlFiles = files.filter(isHtml);
  const pages = opts.pages ?? defaultPages(htmlFiles);
  console.log(`check-site: ${siteDir}: ${files.length} file(s), ${htmlFiles.length} HTML page(s); base ${opts.base}; browser pages: ${pages.join(', ') || '(none)'}`);

  const timer = setTimeout(() => {
    finish(`check-site did not finish within ${TIMEOUT_MS / 1000} s (set CHECK_SITE_TIMEOUT_MS to wait longer)`);
    process.exit(1);
  }, TIMEOUT_MS);

  // The validator (a JVM) runs while the browser works.
  const vnu = runVnu(siteDir, htmlFiles);
  const server = await serveSite(siteDir, opts.base);
  try {
    const withNotFound = opts.pages === null && htmlFiles.includes('404.html');
    if (pages.length === 0) section('Browser').fail('no page to open (no index.html)');
    else await runBrowser(siteDir, server, pages, htmlFiles, withNotFound);
    await runLinks(siteDir, server, files, htmlFiles);
    await vnu;
  } finally {
    await server.close();
  }
  clearTimeout(timer);
  // Sections in a fixed order: validity, browser, links.
  sections.sort((a, b) => order(a) - order(b));
  finish();
}

const order = (s) => (s.title.startsWith('HTML') ? 0 : s.title.startsWith('Browser') ? 1 : 2);

main().catch((e) => {
  finish(`check-site crashed: ${e.stack || e}`);
  process.exitCode = 1;
});
