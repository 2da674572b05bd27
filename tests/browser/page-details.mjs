#!/usr/bin/env node
// Checks details of built pages in a real browser, one check a run:
//
//   node tests/browser/page-details.mjs <site-dir> <check> <page>
//
// filters <phase page>: the All / Open / Done filter is a radio group that hides
//   tasks without moving the page or its URL, by mouse and by keyboard.
// bars <page>: an empty (0 %) progress bar has an outline of 3:1 contrast or more
//   against what it sits on and is at least 8 px high, in light and dark.
// chart <home page>: at 390 and 1280 px the chart fills its column, its labels are
//   12 px or more, and the latest change is not at the right edge.
// math <page>: display formulas are centred in the text column; a fraction in a
//   line of text is at least 85 % of the text's size.
// marks <phase page>: at 390 and 1280 px each task's status mark (a ring has no text
//   in it) is centred on its title's first line.
// header <page>: on a 390 px phone the header is one row, the site's name at least
//   100 px of it.
// title <page>: at 390 and 1280 px the page's heading is the only place on screen
//   that shows its title, no date is cut in two by a line break, and a link in the
//   heading has the heading's colour (with an underline).
// column <page>: at 1280 px the page's column is 600 px wide or more, with or
//   without a sidebar beside it.
// map <map page>: at 390 and 1280 px every label of the map's drawing is inside its
//   box (in a right-to-left page too), and a right-to-left label reads from the right.
// code <page>: each code block and inline code runs left to right, its lines flush
//   left, in a right-to-left page too.
// figure <page>: at 390 and 1280 px the page's big progress figure is the only place
//   in its header and column that shows that percentage on the first screen.
// Prints "ok …" lines or fails with the first wrong measure.

import { serveSite, launchChromium } from './lib.mjs';

const [siteDir, check, start] = process.argv.slice(2);
const CHECKS = { filters, bars, chart, math, marks, header, title, column, map, figure, code };
if (!start || !CHECKS[check]) {
  console.error(`usage: node page-details.mjs <site-dir> <${Object.keys(CHECKS).join('|')}> <page>`);
  process.exit(2);
}

const server = await serveSite(siteDir, '/');
let browser;
try {
  browser = await launchChromium();
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = `${server.origin}/${start}`;
  await CHECKS[check](page, url);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  console.log(`${check}: passed`);
} catch (e) {
  console.error(`${check}: FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  await server.close();
}

function expect(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok ${what}`);
}

/// Visible tasks' statuses, from their class.
function visibleStatuses(page) {
  return page.$$eval('.tree .task', (tasks) => tasks
    .filter((t) => t.getClientRects().length > 0)
    .map((t) => (t.className.match(/status-(\w+)/) || [])[1]));
}

async function filters(page, url) {
  // Short enough that the page scrolls, as a long phase does.
  await page.setViewportSize({ width: 1000, height: 420 });
  await page.goto(url, { waitUntil: 'load' });
  const all = await visibleStatuses(page);
  expect(all.includes('done') && all.some((s) => s !== 'done'), `all ${all.length} tasks shown at first (${all.join(' ')})`);
  const open = page.getByRole('radio', { name: /^Open/ });
  const done = page.getByRole('radio', { name: /^Done/ });
  expect(await page.getByRole('radio', { name: /^All/ }).isChecked(), 'a radio group whose "All" is checked');
  await page.locator('.filter').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 40));
  const before = await page.evaluate(() => [window.scrollY, location.href]);
  await page.locator('label[for="filter-open"]').click();
  const after = await page.evaluate(() => [window.scrollY, location.href]);
  expect(after[0] === before[0] && after[1] === before[1], `a click on "Open" neither scrolls nor changes the URL (scrollY ${before[0]} → ${after[0]}, ${after[1]})`);
  expect(await open.isChecked(), '"Open" is then the checked radio (what a screen reader says)');
  const opened = await visibleStatuses(page);
  expect(opened.length > 0 && opened.every((s) => s === 'todo' || s === 'in_progress'), `"Open" shows only open tasks (${opened.join(' ')})`);
  // The keyboard: the focused radio, then an arrow key to the next one.
  await open.focus();
  await page.keyboard.press('ArrowRight');
  expect(await done.isChecked(), 'ArrowRight from "Open" checks "Done"');
  const focusRing = await page.$eval('label[for="filter-done"]', (l) => getComputedStyle(l).outlineStyle);
  expect(focusRing !== 'none', `the focused filter shows a focus ring (${focusRing})`);
  const shown = await visibleStatuses(page);
  expect(shown.length > 0 && shown.every((s) => s === 'done'), `"Done" shows only done tasks (${shown.join(' ')})`);
  const end = await page.evaluate(() => [window.scrollY, location.href]);
  expect(end[0] === before[0] && end[1] === before[1], 'the keyboard moved neither the page nor the URL');
}

async function bars(page, url) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url, { waitUntil: 'load' });
    const found = await page.$$eval('.bar[aria-valuenow="0"], .bar[aria-valuenow="0.0"]', (els) => els.map((bar) => {
      const parse = (c) => (c.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
      const luminance = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      let under = bar.parentElement;
      let background = getComputedStyle(under).backgroundColor;
      while (under && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
        under = under.parentElement;
        background = under ? getComputedStyle(under).backgroundColor : 'rgb(255, 255, 255)';
      }
      // The track's edge: its box-shadow's or its border's colour, else the track itself.
      const style = getComputedStyle(bar);
      const shadow = style.boxShadow.match(/rgba?\([^)]*\)/);
      const edge = shadow ? shadow[0] : parseFloat(style.borderTopWidth) > 0 ? style.borderTopColor : style.backgroundColor;
      const [a, b] = [luminance(parse(edge)), luminance(parse(background))];
      const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      return { contrast, height: bar.getBoundingClientRect().height, name: bar.getAttribute('aria-label') };
    }));
    expect(found.length > 0, `${scheme}: ${found.length} empty bars on the page`);
    for (const bar of found) {
      expect(bar.contrast >= 3 && bar.height >= 8, `${scheme}: "${bar.name}" is ${bar.height} px high, its edge at ${bar.contrast.toFixed(2)}:1`);
    }
  }
}

async function chart(page, url) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const m = await page.$eval('figure.chart', (figure) => {
      const svg = figure.querySelector('svg').getBoundingClientRect();
      const column = figure.getBoundingClientRect();
      const labels = [...figure.querySelectorAll('svg text, .chart-x span, .chart-y span')]
        .map((l) => [l.textContent, parseFloat(getComputedStyle(l).fontSize) * (l.closest('svg') ? svg.width / figure.querySelector('svg').viewBox.baseVal.width : 1)]);
      const dot = figure.querySelector('.chart-last');
      const last = dot ? dot.getBoundingClientRect() : null;
      const x = [...figure.querySelectorAll('.chart-x > span')].map((l) => l.getBoundingClientRect());
      const gap = x.length === 2 ? x[1].left - x[0].right : null;
      return { svgLeft: svg.left, svgRight: svg.right, colLeft: column.left, colRight: column.right, labels, lastRight: last ? last.left + last.width / 2 : null, gap, xRight: Math.max(...x.map((r) => r.right)) };
    });
    const used = (m.svgRight - m.colLeft) / (m.colRight - m.colLeft);
    expect(used > 0.98, `${width} px: the chart reaches ${(used * 100).toFixed(1)} % of its column's width`);
    expect(m.labels.length >= 4, `${width} px: ${m.labels.length} axis labels`);
    for (const [text, size] of m.labels) {
      expect(size >= 11.9, `${width} px: label "${text}" is ${size.toFixed(1)} px`);
    }
    expect(m.gap !== null && m.gap >= 8, `${width} px: the x axis's two dates are ${m.gap === null ? '?' : m.gap.toFixed(0)} px apart`);
    expect(m.xRight <= m.colRight + 1, `${width} px: the x axis's dates end within the column`);
    expect(m.lastRight !== null && m.svgRight - m.lastRight >= 12, `${width} px: the latest change is ${m.lastRight === null ? '?' : (m.svgRight - m.lastRight).toFixed(0)} px from the right edge`);
  }
}

async function math(page, url) {
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  const blocks = await page.$$eval('.prose math[display="block"]', (all) => all.map((m) => {
    const column = m.parentElement.getBoundingClientRect();
    // The formula's drawn extent: its tokens' boxes (a block's or row's box may be
    // the whole line, whatever is drawn in it).
    const parts = [...m.querySelectorAll('mi, mn, mo, mtext')].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
    const left = Math.min(...parts.map((r) => r.left));
    const right = Math.max(...parts.map((r) => r.right));
    return { offset: (left + right) / 2 - (column.left + column.right) / 2, width: right - left, column: column.width };
  }));
  expect(blocks.length > 0, `${blocks.length} display formulas`);
  for (const b of blocks) {
    expect(Math.abs(b.offset) <= 4, `a display formula ${b.width.toFixed(0)} px wide is centred in ${b.column.toFixed(0)} px (off by ${b.offset.toFixed(1)} px)`);
  }
  const fractions = await page.$$eval('.prose p math:not([display="block"]) mfrac', (all) => all.map((f) => {
    const text = parseFloat(getComputedStyle(f.closest('p')).fontSize);
    const numerator = parseFloat(getComputedStyle(f.firstElementChild).fontSize);
    return numerator / text;
  }));
  expect(fractions.length > 0, `${fractions.length} fractions in lines of text`);
  for (const ratio of fractions) {
    expect(ratio >= 0.85, `an inline fraction's numerator is ${(ratio * 100).toFixed(0)} % of the text size`);
  }
}

async function marks(page, url) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const found = await page.$$eval('.task > .mark', (all) => all.map((m) => {
      const title = m.parentElement.querySelector('.task-link');
      const range = document.createRange();
      range.selectNodeContents(title);
      const line = range.getClientRects()[0];
      const box = m.getBoundingClientRect();
      return { status: m.className, off: box.top + box.height / 2 - (line.top + line.height / 2), title: title.textContent };
    }));
    expect(found.some((f) => f.status.includes('todo')) && found.some((f) => f.status.includes('done')), `${width} px: ${found.length} marks, rings and checks among them`);
    for (const f of found) {
      expect(Math.abs(f.off) <= 1.5, `${width} px: the ${f.status.replace(/.*mark-/, '')} mark of "${f.title}" is ${f.off.toFixed(1)} px off its line's middle`);
    }
  }
}

async function header(page, url) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url, { waitUntil: 'load' });
  const m = await page.$eval('.site-bar', (bar) => {
    const shown = [...bar.children].filter((c) => c.getClientRects().length > 0).map((c) => c.getBoundingClientRect());
    const brand = bar.querySelector('.brand');
    return { tops: shown.map((r) => Math.round(r.top + r.height / 2)), brand: brand ? brand.getBoundingClientRect().width : null };
  });
  const rows = new Set(m.tops.map((t) => Math.round(t / 10))).size;
  expect(rows === 1, `390 px: the header's ${m.tops.length} parts are in one row (their middles at ${m.tops.join(', ')} px)`);
  expect(m.brand === null || m.brand >= 100, `390 px: the site's name has ${m.brand === null ? 'no place (home page)' : `${m.brand.toFixed(0)} px`}`);
}

async function map(page, url) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const m = await page.$$eval('svg.map-svg', (svgs) => {
      const out = [];
      for (const svg of svgs.filter((s) => s.getBoundingClientRect().width > 0)) {
        // A node is a group or link whose first rect is its box (a phase's track and bar follow it).
        for (const rect of svg.querySelectorAll(':is(g, a) > rect:first-of-type')) {
          const box = rect.getBoundingClientRect();
          for (const text of rect.parentElement.querySelectorAll(':scope > text')) {
            const t = text.getBoundingClientRect();
            // A right-to-left label with a Latin word in it: where its first letter and
            // that word start (an RTL letter's start is its right edge).
            const s = text.textContent;
            const latin = s.search(/[A-Za-z]/);
            const rtl = /^[\u0590-\u08FF]/.test(s) && latin > 0
              ? { first: text.getStartPositionOfChar(0).x, latin: text.getStartPositionOfChar(latin).x }
              : null;
            out.push({ text: s, left: t.left - box.left, right: box.right - t.right, rtl });
          }
        }
      }
      return out;
    });
    expect(m.length > 0, `${width} px: ${m.length} labels in the drawing`);
    const out = m.filter((l) => l.left < -1 || l.right < -1);
    expect(out.length === 0, `${width} px: every label is inside its box${out.length ? ` (not ${out.slice(0, 3).map((l) => `"${l.text}": ${l.left.toFixed(0)} px left, ${l.right.toFixed(0)} px right`).join('; ')})` : ''}`);
    // Its first word rightmost: in a left-to-right line "مكتبة NumPy" put "مكتبة" left of "NumPy".
    for (const l of m.filter((l) => l.rtl)) {
      expect(l.rtl.first > l.rtl.latin, `${width} px: "${l.text}" reads right to left (its first letter at ${l.rtl.first.toFixed(0)}, its Latin word at ${l.rtl.latin.toFixed(0)})`);
    }
  }
}

async function column(page, url) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load' });
  const width = await page.$eval('main', (m) => m.getBoundingClientRect().width);
  const sidebar = await page.$$eval('nav.sidebar', (s) => s.length);
  expect(width >= 600, `1280 px: the page's column is ${width.toFixed(0)} px wide (${sidebar ? 'beside a sidebar' : 'no sidebar'})`);
}

async function title(page, url) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const m = await page.$eval('main h1', (h1) => {
      const text = h1.textContent.trim();
      // On screen: it and each box around it more than 1 px (visually hidden text is
      // clipped to 1 px by a box around it).
      const shown = (e) => {
        for (let box = e; box && box.tagName !== 'MAIN'; box = box.parentElement) {
          const r = box.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) return false;
        }
        return true;
      };
      const again = [...document.querySelectorAll('main *:not(h1, h1 *)')]
        .filter((e) => e.children.length === 0 && e.textContent.trim() === text && shown(e))
        .map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : ''));
      const cut = [...document.querySelectorAll('main time')].filter((t) => t.getClientRects().length > 1).map((t) => t.textContent);
      const link = h1.querySelector('a');
      const colour = link && {
        same: getComputedStyle(link).color === getComputedStyle(h1).color,
        underline: getComputedStyle(link).textDecorationLine.includes('underline'),
      };
      return { text, again, cut, colour };
    });
    expect(m.again.length === 0, `${width} px: "${m.text}" is on screen once${m.again.length ? ` (and in ${m.again.join(', ')})` : ''}`);
    expect(m.cut.length === 0, `${width} px: no date is cut by a line break${m.cut.length ? ` (${m.cut.join(', ')})` : ''}`);
    if (m.colour) expect(m.colour.same && m.colour.underline, `${width} px: the heading's link is in the heading's colour, underlined`);
  }
}

async function figure(page, url) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(url, { waitUntil: 'load' });
    const m = await page.$eval('main .figure-number', (big) => {
      const number = big.textContent.trim();
      const again = [...document.querySelectorAll('.site-header *, main *')]
        .filter((e) => e !== big && e.children.length === 0 && e.textContent.includes(number))
        .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.top < innerHeight; })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: "${e.textContent.trim()}"`);
      return { number, again };
    });
    expect(m.again.length === 0, `${width} px: "${m.number}" is on the first screen once${m.again.length ? ` (and in ${m.again.join(', ')})` : ''}`);
  }
}

async function code(page, url) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url, { waitUntil: 'load' });
  const m = await page.$$eval('main pre, main code', (els) => els.map((e) => {
    const style = getComputedStyle(e);
    // A block's first line: flush with its left padding.
    const range = document.createRange();
    range.selectNodeContents(e);
    const first = range.getClientRects()[0];
    const box = e.getBoundingClientRect();
    const inset = e.tagName === 'PRE' && first ? first.left - box.left - parseFloat(style.paddingLeft) - parseFloat(style.borderLeftWidth) : 0;
    return { tag: e.tagName.toLowerCase(), text: e.textContent.slice(0, 30), dir: style.direction, inset };
  }));
  expect(m.some((c) => c.tag === 'pre'), `${m.length} code elements, a block among them`);
  const wrong = m.filter((c) => c.dir !== 'ltr' || Math.abs(c.inset) > 2);
  expect(wrong.length === 0, `every code element runs left to right, flush left${wrong.length ? ` (not ${wrong.slice(0, 3).map((c) => `${c.tag} "${c.text}": ${c.dir}, ${c.inset.toFixed(0)} px in`).join('; ')})` : ''}`);
}
