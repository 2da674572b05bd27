#!/usr/bin/env node
// Live reload as a person sees it, in headless Chromium, against a running
// `roadmap-site serve` (started by tests/serve_browser.rs):
//
//   node tests/browser/live-reload.mjs --url http://127.0.0.1:PORT/ --site DIR
//
// DIR is a copy of tests/fixtures/serve (theme "live", whose style.css replaces the
// built-in one; a note for the task "Ownership"). The script edits its files on disk
// and never reloads the page itself:
//  1. a paragraph appended to the note shows up on the open task page, swapped into
//     its <main> without a reload (a marker on `window` survives); a status change
//     (the header's progress changes too) reloads the page;
//  2. a CSS-only change applies without reloading the page (a marker on `window`
//     survives);
//  3. a broken roadmap.toml shows an overlay with `roadmap.toml:1` (accessible: axe-core
//     finds no serious or critical violation in it), and fixing it removes the overlay
//     and reloads the page;
//  4. the overlay can be dismissed with Escape;
//  5. a hidden page closes its event stream (browsers allow 6 connections per server)
//     and catches up when shown again.
// Each step waits at most STEP_MS. The report ends with "N passed, M failed".

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { launchChromium, CHROMIUM } from './lib.mjs';

const STEP_MS = Number(process.env.LIVE_RELOAD_STEP_MS || 10_000);
const TOTAL_MS = 120_000;

let passed = 0;
let failed = 0;
const ok = (text) => { passed++; console.log(`ok    ${text}`); };
const fail = (text) => { failed++; console.log(`FAIL  ${text}`); };

function args() {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!opts.url || !opts.site) {
    console.error('usage: node live-reload.mjs --url http://127.0.0.1:PORT/ --site DIR');
    process.exit(2);
  }
  return opts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Evaluates `fn` in the page every 25 ms until it returns a truthy value; a page
/// that is navigating (reloading) is simply asked again. Resolves to the value, or
/// to null after `ms`.
async function poll(page, fn, arg, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const value = await page.evaluate(fn, arg);
      if (value) return value;
    } catch {
      // "Execution context was destroyed": the page is reloading.
    }
    await sleep(25);
  }
  return null;
}

const marker = (page, value) => page.evaluate((v) => { window.__marker = v; }, value);
const markerIs = async (page, value) => {
  try {
    return (await page.evaluate(() => window.__marker)) === value;
  } catch {
    return false;
  }
};
const overlayText = () => {
  const host = document.querySelector('roadmap-site-overlay');
  const dialog = host && host.shadowRoot && host.shadowRoot.querySelector('[role="alertdialog"]');
  return dialog ? dialog.textContent : '';
};

async function main() {
  const opts = args();
  const site = path.resolve(opts.site);
  const file = (rel) => path.join(site, rel);
  const timer = setTimeout(() => {
    fail(`did not finish within ${TOTAL_MS / 1000} s`);
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exit(1);
  }, TOTAL_MS);

  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    fail(`cannot start ${CHROMIUM}: ${e.message.split('\n')[0]} (run .ci/run, or npm ci --prefix tests/browser)`);
    return;
  }
  // Every event stream a page opens, so that the test can see a hidden page close its
  // own (a script added to each page load, before the live-reload script runs).
  await browser.context.addInitScript(() => {
    const Native = window.EventSource;
    window.__streams = [];
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        window.__streams.push(this);
      }
    };
  });
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  try {
    const url = new URL('tasks/ownership.html', opts.url).href;
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && response.status() === 200) ok(`opened ${url}`);
    else return fail(`${url} answered ${response ? response.status() : 'nothing'}`);

    // 1. A note edit appears in the open page.
    await marker(page, 'before-note-edit');
    const paragraph = `Live paragraph ${Date.now()}`;
    fs.appendFileSync(file('content/notes/ownership.md'), `\n${paragraph}\n`);
    const shown = await poll(page, (t) => document.body && document.body.innerText.includes(t), paragraph);
    if (shown) ok(`the new paragraph appeared without the test reloading the page`);
    else fail(`"${paragraph}" did not appear within ${STEP_MS} ms`);
    if (await markerIs(page, 'before-note-edit')) ok('the page was not reloaded: only <main> changed');
    else fail('the page was reloaded for a change inside <main>');
    const swapped = await page.evaluate(() => document.querySelector('main').dataset.roadmapSiteGeneration);
    if (swapped) ok(`<main> was swapped in by the live-reload script (generation ${swapped})`);
    else fail('<main> carries no swap mark');

    // 1b. A status change also changes the header's progress: the page reloads.
    await marker(page, 'before-status-edit');
    const roadmapText = fs.readFileSync(file('content/roadmap.md'), 'utf8');
    fs.writeFileSync(file('content/roadmap.md'), roadmapText.replace('| - Ownership | 🚧 |', '| - Ownership | ✅ |'));
    const reloaded = await poll(page, () => document.readyState === 'complete' && window.__marker === undefined);
    if (reloaded) ok('a status change reloaded the page');
    else fail(`the page was not reloaded ${STEP_MS} ms after a status change`);

    // 2. A CSS-only change: new style, same page.
    await marker(page, 'before-css-edit');
    const before = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
    fs.appendFileSync(file('themes/live/static/style.css'), '\nh1 { color: rgb(1, 2, 3); }\n');
    const styled = await poll(page, () => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)');
    if (styled) ok(`the new style applies (h1 colour ${before} → rgb(1, 2, 3))`);
    else fail(`the h1 colour is still ${before} after ${STEP_MS} ms`);
    if (await markerIs(page, 'before-css-edit')) ok('the page was not reloaded for a CSS-only change');
    else fail('the page was reloaded for a CSS-only change');
    const sheets = await page.evaluate(() => document.querySelectorAll('link[rel~="stylesheet"]').length);
    if (sheets === 1) ok('the old stylesheet was removed after the swap');
    else fail(`${sheets} stylesheets after the swap, expected 1`);

    // 3. A broken roadmap.toml: overlay with the position; fixed: overlay gone.
    const config = fs.readFileSync(file('roadmap.toml'), 'utf8');
    await marker(page, 'before-break');
    fs.writeFileSync(file('roadmap.toml'), 'themme = 1\n');
    const text = await poll(page, overlayText);
    if (text && text.includes('roadmap.toml:1')) ok(`the overlay shows ${JSON.stringify(text.match(/roadmap\.toml:1[^\n]*/)[0])}`);
    else fail(`no overlay with "roadmap.toml:1" within ${STEP_MS} ms (overlay text: ${JSON.stringify(text)})`);
    if (text && text.includes('1 | themme = 1')) ok('the overlay shows the source line, as the terminal does');
    else fail('the overlay lacks the source excerpt');
    if (await markerIs(page, 'before-break')) ok('the page was kept (last good build) under the overlay');
    else fail('the page was reloaded on a failed build');
    await checkOverlayAccessibility(page);

    fs.writeFileSync(file('roadmap.toml'), config);
    const gone = await poll(page, () => !document.querySelector('roadmap-site-overlay') && window.__marker === undefined
      && document.readyState === 'complete');
    if (gone) ok('after the fix the page reloaded and the overlay is gone');
    else fail(`the overlay is still there (or the page was not reloaded) ${STEP_MS} ms after the fix`);
    const stillStyled = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
    if (stillStyled === 'rgb(1, 2, 3)') ok('the reloaded page has the new style');
    else fail(`the reloaded page's h1 colour is ${stillStyled}`);

    // 4. Dismissable.
    fs.writeFileSync(file('roadmap.toml'), 'themme = 2\n');
    if (await poll(page, overlayText)) {
      await page.keyboard.press('Escape');
      const dismissed = await poll(page, () => !document.querySelector('roadmap-site-overlay'), undefined, 2000);
      if (dismissed) ok('Escape dismisses the overlay');
      else fail('Escape did not dismiss the overlay');
    } else {
      fail('no overlay for the second broken roadmap.toml');
    }
    await marker(page, 'before-second-fix');
    fs.writeFileSync(file('roadmap.toml'), config);
    if (await poll(page, () => document.readyState === 'complete' && window.__marker === undefined)) {
      ok('after the second fix the page reloaded');
    } else {
      fail(`the page was not reloaded ${STEP_MS} ms after the second fix`);
    }

    // 5. A hidden tab lets go of its event stream and catches up when shown again.
    await marker(page, 'hidden');
    const visibility = (hidden) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await visibility(true);
    // Closed streams hear nothing: no need to wait for an event that must not come.
    const states = await page.evaluate(() => window.__streams.map((s) => s.readyState));
    if (states.length > 0 && states.every((state) => state === 2 /* EventSource.CLOSED */)) {
      ok(`a hidden page closes its event stream (${states.length} opened, all closed)`);
    } else {
      fail(`a hidden page's event streams are in states ${JSON.stringify(states)} (2: closed)`);
    }
    const generation = async () => (await (await fetch(new URL('__roadmap-site/status', opts.url))).json()).generation;
    const generationBefore = await generation();
    const hiddenText = `Written while hidden ${Date.now()}`;
    fs.appendFileSync(file('content/notes/ownership.md'), `\n${hiddenText}\n`);
    const deadline = Date.now() + STEP_MS;
    while ((await generation()) === generationBefore && Date.now() < deadline) await sleep(25);
    if ((await generation()) === generationBefore) fail(`no new generation within ${STEP_MS} ms of the edit`);
    if (await markerIs(page, 'hidden')) ok('a hidden page is not reloaded (its stream is closed)');
    else fail('a hidden page was reloaded');
    await visibility(false);
    if (await poll(page, (t) => document.body && document.body.innerText.includes(t), hiddenText)) {
      ok('shown again, the page caught up with the build it missed');
    } else {
      fail(`shown again, the page did not catch up within ${STEP_MS} ms`);
    }

    if (problems.length === 0) ok('no console error or uncaught exception');
    for (const p of problems) fail(p);
  } catch (e) {
    fail(`crashed: ${e.stack || e}`);
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

/// axe-core on the page with the overlay shown: no serious or critical violation.
async function checkOverlayAccessibility(page) {
  const require = createRequire(import.meta.url);
  try {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run({ include: [['roadmap-site-overlay']] }, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`);
    });
    const serious = violations.filter((v) => /\((serious|critical)\)/.test(v));
    if (serious.length === 0) ok(`axe-core: no serious or critical violation in the overlay${violations.length ? ` (minor: ${violations.join('; ')})` : ''}`);
    for (const v of serious) fail(`axe-core on the overlay: ${v}`);
  } catch (e) {
    fail(`axe-core could not run: ${e.message.split('\n')[0]}`);
  }
}

await main();
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
