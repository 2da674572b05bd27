#!/usr/bin/env node
// Save-to-browser latency of `roadmap-site serve` on this repository's own site.
// A benchmark, not a test: it measures and prints, it asserts nothing.
//
//   cargo build --release
//   npm ci --prefix tests/browser --ignore-scripts   # playwright-core, once
//   node bench/serve-latency.mjs [--bin target/release/roadmap-site] [--runs 20]
//                                [--note content/notes/X.md]... [--update BENCHMARKS.md]
//                                [--site DIR]
//
// The site (content/, and roadmap.toml if there is one; this repository's unless
// --site names another, such as a synthetic one from examples/bench_gen.rs) is copied to a temporary
// folder and served with `--port 0`. Headless Chromium (Debian's /usr/bin/chromium,
// launched by tests/browser/lib.mjs) opens the page of the task that
// each note belongs to (by default python-basics.md, the heaviest page, and
// math/probability.md, a light one). Each run appends a unique line to that
// note and measures, on Node's clock, from just before the write until the open page
// holds the new text (polled every few ms); also split into "save → reload signal"
// (Chromium starting the reload's navigation request: debounce, rebuild, event) and
// "reload signal → page shows it" (fetching and parsing the new page). The new page's
// navigation start → first contentful paint (its own clock) says when it is painted;
// the server's "Rebuilt in N ms" lines give the rebuild time alone.
// `--update FILE` replaces the "## serve: save-to-browser latency" section of FILE
// (or appends it) with the results table.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium, serveSite } from '../tests/browser/lib.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The heaviest task page (many highlighted code blocks) and a light one.
const DEFAULT_NOTES = ['content/notes/python-basics.md', 'content/notes/math/probability.md'];
const HEADING = '## serve: save-to-browser latency';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function options() {
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
  const opts = { bin: path.join(target, 'release', 'roadmap-site'), runs: 20, notes: [], update: null, site: REPO };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (key === 'note' && value !== undefined) {
      opts.notes.push(value);
      continue;
    }
    if (!(key in opts) || value === undefined) {
      console.error('usage: node bench/serve-latency.mjs [--bin PATH] [--runs N] [--note content/notes/X.md] [--update BENCHMARKS.md] [--site DIR]');
      process.exit(2);
    }
    opts[key] = key === 'runs' ? Number(value) : value;
  }
  if (opts.notes.length === 0) opts.notes = DEFAULT_NOTES;
  if (!fs.existsSync(opts.bin)) {
    console.error(`${opts.bin} not found: run cargo build --release (or pass --bin)`);
    process.exit(2);
  }
  return opts;
}

/// Starts the server on a copy of the site; resolves to { url, log(), stop() }.
async function startServer(bin, dir) {
  const child = spawn(bin, ['serve', '--port', '0', '--root', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 60_000;
  while (!/ at (http:\/\/\S+)/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${log}`);
    await sleep(20);
  }
  return {
    url: log.match(/ at (http:\/\/\S+)/)[1],
    log: () => log,
    stop: () => child.kill(),
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
    p90: at(0.9),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

async function main() {
  const opts = options();
  opts.load = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-site-bench-'));
  fs.cpSync(path.join(opts.site, 'content'), path.join(dir, 'content'), { recursive: true });
  if (fs.existsSync(path.join(opts.site, 'roadmap.toml'))) fs.copyFileSync(path.join(opts.site, 'roadmap.toml'), path.join(dir, 'roadmap.toml'));

  const server = await startServer(opts.bin, dir);
  const browser = await launchChromium();
  const scenarios = [];
  try {
    for (const note of opts.notes) {
      console.log(`\nnote: ${note}`);
      const rebuildsBefore = rebuildTimes(server.log()).length;
      const scenario = await measure(opts, browser, server, path.join(dir, note));
      scenario.note = note;
      // The warm-up run's rebuild is not counted.
      scenario.rebuilds = rebuildTimes(server.log()).slice(rebuildsBefore + 1);
      scenarios.push(scenario);
    }
    opts.floor = await browserFloor(opts, browser, dir);
    // The same pages as built files served by Node: the browser's share for them.
    execFileSync(opts.bin, ['build', '--root', dir], { stdio: 'ignore' });
    const files = await serveSite(path.join(dir, 'public'));
    try {
      for (const scenario of scenarios) {
        scenario.staticPaints = await reloadPaints(opts, browser, files.origin + scenario.path);
      }
    } finally {
      await files.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  report(opts, scenarios);
}

/// The browser's own share, without roadmap-site: a 100-byte page served by Node's
/// http module (tests/browser/lib.mjs). No server can make a reload faster than this.
async function browserFloor(opts, browser, dir) {
  const root = path.join(dir, 'floor');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'index.html'), '<!DOCTYPE html><title>t</title><p>floor</p>');
  const server = await serveSite(root);
  try {
    return await reloadPaints(opts, browser, `${server.origin}/index.html`);
  } finally {
    await server.close();
  }
}

/// Reloads `url` (warm-up + `opts.runs` times, the test calling location.reload()) and
/// returns each navigation start → first contentful paint, on the page's clock.
async function reloadPaints(opts, browser, url) {
  const page = await browser.context.newPage();
  const paints = [];
  try {
    await page.goto(url, { waitUntil: 'load' });
    for (let i = 0; i < opts.runs + 1; i++) {
      await sleep(300);
      await page.evaluate(() => location.reload());
      const paint = await firstPaint(page);
      if (i > 0 && !Number.isNaN(paint)) paints.push(paint);
    }
  } finally {
    await page.close();
  }
  return paints;
}

/// The page's navigation start → first contentful paint, once there is one.
function firstPaint(page) {
  return page.waitForFunction(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return fcp ? fcp.startTime : null;
  }, undefined, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => NaN);
}

const rebuildTimes = (log) => [...log.matchAll(/Rebuilt in (\d+) ms/g)].map((m) => Number(m[1]));

/// Opens the page of the note's task and times `opts.runs` edits of the note.
async function measure(opts, browser, server, note) {
  // The task named in the front matter, else the one whose slug is the file's name.
  const task = fs.readFileSync(note, 'utf8').match(/^task = "(.*)"$/m)?.[1];
  const slug = path.basename(note, '.md');
  const progress = await (await fetch(new URL('progress.json', server.url))).json();
  const url = progress.phases.flatMap((p) => p.tasks).find((t) => (task ? t.title === task : t.slug === slug)).url;
  const page = await browser.context.newPage();
  // The page acting on the event: the reload's navigation request, or the fetch of the
  // page whose <main> it swaps in (a note edit changes only <main>).
  let signalAt = null;
  let navigated = false;
  let target = new URL(url, server.url).href;
  page.on('request', (r) => {
    if (signalAt !== null) return;
    if (r.isNavigationRequest()) navigated = true;
    if (r.isNavigationRequest() || (r.resourceType() === 'fetch' && r.url() === target)) signalAt = now();
  });
  await page.goto(target, { waitUntil: 'load' });
  target = page.url(); // where the page landed, should the server ever redirect
  const bytes = (await (await fetch(page.url())).arrayBuffer()).byteLength;
  const shown = `${new URL(page.url()).pathname} (${Math.round(bytes / 1024)} KB of HTML)`;
  console.log(`page: ${shown}, ${opts.runs} runs (+1 warm-up)`);
  const rows = [];
  for (let i = 0; i < opts.runs + 1; i++) {
    await sleep(500); // let the previous reload and rebuild settle
    const text = `Latency probe ${i} ${Math.random().toString(36).slice(2)}`;
    signalAt = null;
    navigated = false;
    const saved = now();
    fs.appendFileSync(note, `\n${text}\n`);
    let shownAt = null;
    while (now() - saved < 10_000) {
      try {
        // textContent, not innerText: polling must not force layouts that slow the page.
        if (await page.evaluate((t) => !!document.body && document.body.textContent.includes(t), text)) {
          shownAt = now();
          break;
        }
      } catch {
        // reloading
      }
      await sleep(2);
    }
    if (shownAt === null || signalAt === null) throw new Error(`run ${i}: the text did not appear within 10 s`);
    // The browser's own view of the reload, on the page's clock: navigation start →
    // first contentful paint (Chromium keeps showing the old page until then).
    const paint = navigated ? await firstPaint(page) : NaN;
    if (i === 0) continue; // warm-up
    rows.push({ total: shownAt - saved, signal: signalAt - saved, page: shownAt - signalAt, paint, navigated });
    process.stdout.write(`run ${i}: ${(shownAt - saved).toFixed(0)} ms\n`);
  }
  await page.close();
  return { page: shown, path: new URL(url, server.url).pathname, rows };
}

function report(opts, scenarios) {
  const line = (label, values) => {
    const s = stats(values);
    return `| ${label} | ${s.median.toFixed(0)} | ${s.p90.toFixed(0)} | ${s.min.toFixed(0)} | ${s.max.toFixed(0)} |`;
  };
  const cpu = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  let chromium = 'Chromium';
  try { chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch {}
  const tables = scenarios.map(({ note, page, rows, rebuilds, staticPaints }) => [
    `Edit \`${note}\`, page \`${page}\` open:`,
    '',
    `| ${rows.length} runs, ms | median | p90 | min | max |`,
    '|---|---:|---:|---:|---:|',
    line('**save → page shows the change**', rows.map((r) => r.total)),
    line('save → page acts (debounce + rebuild + event)', rows.map((r) => r.signal)),
    line('page acts → page shows it (fetch and swap <main>, or reload)', rows.map((r) => r.page)),
    `| runs that reloaded the page instead of swapping its <main> | ${rows.filter((r) => r.navigated).length} of ${rows.length} | | | |`,
    ...(rows.some((r) => r.navigated)
      ? [line('in the page: navigation start → first paint', rows.map((r) => r.paint).filter((v) => !Number.isNaN(v)))]
      : []),
    line('for comparison, a reload: the page served as static files by Node, navigation start → first paint', staticPaints),
    line('rebuild alone (server\'s "Rebuilt in")', rebuilds),
  ].join('\n'));
  const section = `${HEADING}

Measured by \`node bench/serve-latency.mjs\` (its header explains the method) with a
release build, on a copy of this repository's own site (6 phases, 76 tasks, 5 notes
with code and math): with a task page open in headless Chromium, append a line to the
task's note and time from just before the write until the open page holds the line.
One warm-up run per page is not counted. Machine: ${os.cpus().length} × ${cpu},
${os.platform()} ${os.release()}, ${chromium}, Node ${process.version};
${new Date().toISOString().slice(0, 10)}; load average before the runs
${opts.load.map((l) => l.toFixed(1)).join(', ')}${opts.load[0] > os.cpus().length
    ? ': other processes were competing for the CPUs, so every number is higher than on an idle machine'
    : ''}.

${tables.join('\n\n')}

Reading the numbers: roadmap-site's own part is "save → page acts" (debounce,
rebuild, event). A note edit changes only the pages' \`<main>\`, so the open page
fetches itself and swaps its \`<main>\` in, without a reload; any other change reloads
the page, which costs about what loading the built page as a static file costs (the
"served as static files" line). Even a 100-byte page served by Node
needs ${stats(opts.floor).median.toFixed(0)} ms median (p90 ${stats(opts.floor).p90.toFixed(0)} ms) from navigation start to first paint in this
headless Chromium. Target (issues 5 and 7): under 100 ms median from save to browser:
${verdict(scenarios)}.
`;
  console.log(`\n${section}`);
  if (opts.update) updateFile(opts.update, section);
}

function verdict(scenarios) {
  const median = (values) => stats(values).median.toFixed(0);
  const total = scenarios.map((s) => `${median(s.rows.map((r) => r.total))} ms`).join(' and ');
  const own = scenarios.map((s) => `${median(s.rows.map((r) => r.signal))} ms`).join(' and ');
  const met = scenarios.every((s) => stats(s.rows.map((r) => r.total)).median < 100);
  return `${met ? 'met' : 'not met'} end to end here (${total}); roadmap-site's part: ${own}`;
}

/// Replaces this benchmark's section of the file (up to the next `## ` heading), or
/// appends it; other sections are left as they are.
function updateFile(file, section) {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(HEADING);
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf('\n## ', start + HEADING.length);
    text = text.slice(0, start) + section + (next === -1 ? '' : `\n${text.slice(next + 1)}`);
  }
  fs.writeFileSync(file, text);
  console.log(`updated ${file}`);
}

await main();
