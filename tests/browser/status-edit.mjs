#!/usr/bin/env node
// Status changes as a learner makes them, in headless Chromium, against a running
// `roadmap-site serve` (started by tests/serve_browser.rs):
//
//   node tests/browser/status-edit.mjs --url http://127.0.0.1:PORT/ --site DIR --steps FILE
//
// FILE is a JSON list of steps, each on a page of the site:
//   { "page": "phases/x.html", "task": "slug", "how": "click" | "key" | "map", "to": "done",
//     "expect": "<the roadmap file's bytes after the change, as UTF-8 text>" }
//   { "page": "…", "how": "undo", "expect": "…" }              (Ctrl+Z)
//   { "page": "…", "task": "slug", "how": "stale", "to": "done", "write": "…" }
//      (the file is rewritten with "write" after the page loaded; the change must be
//       refused in the page and the file must stay as written)
// "click" opens the status menu from the task's mark and picks the status; "key"
// focuses the task's link and types D, P, T or S; "map" clicks the task's node on the
// map. After each change the file must equal "expect" byte for byte, the page must
// show the new status after the live reload, and the scroll position and (for keys)
// the focus must be where they were. The report ends with "N passed, M failed".

import fs from 'node:fs';
import path from 'node:path';

import { launchChromium, CHROMIUM } from './lib.mjs';

const STEP_MS = Number(process.env.STATUS_EDIT_STEP_MS || 15_000);
const TOTAL_MS = 170_000;
const LETTER = { done: 'd', in_progress: 'p', todo: 't', skipped: 's' };
const LABEL = { done: 'Done', in_progress: 'In progress', todo: 'To do', skipped: 'Skipped' };

let passed = 0;
let failed = 0;
const ok = (text) => { passed++; console.log(`ok    ${text}`); };
const fail = (text) => { failed++; console.log(`FAIL  ${text}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function args() {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!opts.url || !opts.site || !opts.steps) {
    console.error('usage: node status-edit.mjs --url URL --site DIR --steps FILE');
    process.exit(2);
  }
  return opts;
}

/// Evaluates `fn` in the page until it returns a truthy value (a reloading page is
/// asked again); the value, or null after `ms`.
async function poll(page, fn, arg, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const value = await page.evaluate(fn, arg);
      if (value) return value;
    } catch {}
    await sleep(25);
  }
  return null;
}

/// Reads `file` until `check(text)` holds; true, or false after `ms`.
async function pollFile(file, check, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check(fs.readFileSync(file))) return true;
    await sleep(25);
  }
  return false;
}

/// The first line where two texts differ, for a readable failure.
function firstDifference(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: want ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
  }
  return 'same lines, different bytes';
}

// In the page: the task's row (or map node, or task page) and its status.
const inPage = {
  status: ({ task: slug, how }) => {
    const href = (a) => a.getAttribute('href') || '';
    const mine = (a) => decodeURIComponent(href(a)).endsWith(`tasks/${slug}.html`);
    if (how === 'map') {
      const node = [...document.querySelectorAll('a.n')].find((a) => mine(a) && a.getClientRects().length);
      return node ? ['done', 'in_progress', 'todo', 'skipped'].find((s) => node.classList.contains(s)) : null;
    }
    const article = document.querySelector('article.task-page');
    const row = article && location.pathname.endsWith(`tasks/${slug}.html`)
      ? article
      : [...document.querySelectorAll('li.task, .group-head')].find((r) => {
        const link = r.querySelector('a.task-link');
        return link && mine(link);
      });
    if (!row) return null;
    return ['done', 'in_progress', 'todo', 'skipped'].find((s) => row.classList.contains(`status-${s}`));
  },
};

async function openPage(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return poll(page, () => !!document.querySelector('script[data-token]') && !!document.querySelector('.rs-toast'));
}

/// Scrolls the task into the middle of the window, so that a kept scroll position
/// is not the top of the page by chance.
async function scrollTo(page, slug) {
  await page.evaluate((slug) => {
    const link = [...document.querySelectorAll('a.task-link, a.n')]
      .find((a) => decodeURIComponent(a.getAttribute('href') || '').endsWith(`tasks/${slug}.html`) && a.getClientRects().length);
    if (link) link.scrollIntoView({ block: 'center' });
  }, slug);
  return placeOf(page, slug);
}

/// Where the task's link (or, on its own page, the page's heading) is in the window.
function placeOf(page, slug) {
  return page.evaluate((slug) => {
    const link = [...document.querySelectorAll('a.task-link, a.n')]
      .find((a) => decodeURIComponent(a.getAttribute('href') || '').endsWith(`tasks/${slug}.html`) && a.getClientRects().length)
      || document.querySelector('article.task-page h1');
    // The row: a done task's title may sit a few pixels otherwise inside it.
    const row = link && (link.closest('li.task, .group-head') || link);
    return row ? Math.round(row.getBoundingClientRect().top) : null;
  }, slug);
}

async function act(page, step) {
  const { task: slug, how, to } = step;
  if (how === 'key') {
    await page.evaluate((slug) => {
      const link = [...document.querySelectorAll('a.task-link')]
        .find((a) => decodeURIComponent(a.getAttribute('href')).endsWith(`tasks/${slug}.html`));
      link.focus();
    }, slug);
    await page.keyboard.press(LETTER[to].toUpperCase());
    return;
  }
  if (how === 'map') {
    const node = page.locator(`a.n[href$="tasks/${slug}.html"]`).filter({ visible: true }).first();
    await node.click();
  } else if (page.url().endsWith(`tasks/${slug}.html`)) {
    await page.locator('.task-status .rs-edit').click();
  } else {
    const row = page.locator('li.task, .group-head').filter({ has: page.locator(`a.task-link[href$="tasks/${slug}.html"]`) }).first();
    await row.locator('.rs-edit').first().click();
  }
  await page.locator('.rs-menu [role=menuitemradio]', { hasText: LABEL[to] }).click();
}

async function main() {
  const opts = args();
  const roadmap = path.join(path.resolve(opts.site), 'content/roadmap.md');
  const steps = JSON.parse(fs.readFileSync(opts.steps, 'utf8'));
  const timer = setTimeout(() => {
    fail(`did not finish within ${TOTAL_MS / 1000} s`);
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exit(1);
  }, TOTAL_MS);

  let browser;
  try {
    browser = await launchChromium({ viewport: { width: 1280, height: 600 } });
  } catch (e) {
    fail(`cannot start ${CHROMIUM}: ${e.message.split('\n')[0]} (run .ci/run, or npm ci --prefix tests/browser)`);
    return;
  }
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  try {
    for (const [i, step] of steps.entries()) {
      const name = `step ${i + 1} (${step.how}${step.task ? ` ${step.task}` : ''}${step.to ? ` → ${step.to}` : ''} on ${step.page})`;
      const url = new URL(step.page, opts.url).href;
      if (!(await openPage(page, url))) {
        const tail = await page.content().then((html) => html.slice(-300)).catch((e) => String(e));
        fail(`${name}: ${url} has no status controls; the page ends with ${tail}`);
        continue;
      }
      if (step.how === 'undo') {
        await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.__marker = 'before'; });
        await page.keyboard.press('Control+z');
        const back = await pollFile(roadmap, (bytes) => bytes.equals(Buffer.from(step.expect)));
        if (back) ok(`${name}: Ctrl+Z restored the file byte for byte`);
        else fail(`${name}: ${firstDifference(step.expect, fs.readFileSync(roadmap, 'utf8'))}`);
        // The rebuild reloads the page; the next step starts after that.
        const reloaded = await poll(page, () => document.readyState === 'complete' && window.__marker === undefined);
        if (!reloaded) fail(`${name}: the page did not reload after the undo`);
        continue;
      }
      if (step.how === 'stale') {
        // The page must stay as it was built while the file changes under it (as when
        // the learner saves and clicks before the reload): its event stream is cut,
        // and the click waits until the server has rebuilt from the new file.
        await page.route('**/__roadmap-site/events*', (route) => route.abort());
        await openPage(page, url);
        const generation = async () => (await (await fetch(new URL('__roadmap-site/status', opts.url))).json()).generation;
        const before = await generation();
        fs.writeFileSync(roadmap, step.write);
        const deadline = Date.now() + STEP_MS;
        while (Date.now() < deadline && (await generation()) === before) await sleep(25);
        await act(page, step);
        const said = await poll(page, () => {
          const toast = document.querySelector('.rs-toast');
          return toast && /changed on disk/.test(toast.textContent) && toast.textContent;
        });
        if (said) ok(`${name}: refused in the page ("${said.slice(0, 60)}…")`);
        else fail(`${name}: no refusal shown`);
        if (fs.readFileSync(roadmap).equals(Buffer.from(step.write))) ok(`${name}: the file is as the learner wrote it`);
        else fail(`${name}: the file was changed: ${firstDifference(step.write, fs.readFileSync(roadmap, 'utf8'))}`);
        // The page reloads by itself and shows the file as it is now.
        await page.unroute('**/__roadmap-site/events*');
        continue;
      }
      const before = await poll(page, inPage.status, step);
      if (!before) {
        fail(`${name}: the task is not on the page`);
        continue;
      }
      const scrolled = await scrollTo(page, step.task);
      await page.evaluate(() => { window.__marker = 'before'; });
      await act(page, step);
      const written = await pollFile(roadmap, (bytes) => bytes.equals(Buffer.from(step.expect)));
      if (written) ok(`${name}: the file changed exactly as expected`);
      else fail(`${name}: ${firstDifference(step.expect, fs.readFileSync(roadmap, 'utf8'))}`);
      // The rebuild reloads the page (or swaps its <main>): it shows the new status.
      const deadline = Date.now() + STEP_MS;
      let now = null;
      while (Date.now() < deadline && now !== step.to) {
        now = await page.evaluate(inPage.status, step).catch(() => null);
        if (now !== step.to) await sleep(25);
      }
      if (now === step.to) ok(`${name}: the page shows it after the live reload`);
      else fail(`${name}: the page shows ${now}`);
      await poll(page, () => document.readyState === 'complete');
      const y = await placeOf(page, step.task);
      // A page that got shorter cannot scroll as far: at its end is as close as it gets.
      const atEnd = await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 1);
      if (y !== null && (Math.abs(y - scrolled) <= 1 || atEnd && y > scrolled)) ok(`${name}: the task stays where it was in the window (${y} px from the top)`);
      else fail(`${name}: the task is ${y} px from the top of the window, was ${scrolled} px`);
      if (step.how === 'key') {
        const focused = await poll(page, (slug) => {
          const a = document.activeElement;
          return a && a.matches('a.task-link') && decodeURIComponent(a.getAttribute('href')).endsWith(`tasks/${slug}.html`);
        }, step.task, 3000);
        if (focused) ok(`${name}: the task's link has the focus again`);
        else fail(`${name}: the focus is on ${await page.evaluate(() => document.activeElement && document.activeElement.outerHTML.slice(0, 80))}`);
      }
    }
  } catch (e) {
    fail(`error: ${e.stack || e}`);
  } finally {
    for (const p of problems) fail(p);
    clearTimeout(timer);
    await browser.close();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
