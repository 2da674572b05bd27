#!/usr/bin/env node
// Types into the search box of a built site and follows a result with the keyboard.
//
//   node tests/browser/search.mjs <site-dir> <base> <start-page> <query> <expected-page>
//   node tests/browser/search.mjs <site-dir> <base> <start-page> <query> unavailable
//   node tests/browser/search.mjs <site-dir> <base> <start-page> <query> ranked <titles>
//
// Served under <base> (a sub-path, as GitHub project pages are), opened at
// <start-page>; "/" must focus the box, the results must show phase and status, and
// ArrowDown + Enter must land on <expected-page>. Prints "ok …" lines or fails.
// A <base> of `file:` opens the files from disk instead (public/index.html
// double-clicked), where browsers refuse fetch() and search.js loads search-index.js.
// An <expected-page> of `unavailable` expects the line that says search cannot work.
// `ranked` expects the results' first titles to be <titles> (separated by `|`) in that
// order, every result to mark (<mark>) the query's words, and prints each result's
// marked text and note snippet ("ok result: …"); Escape must then close the list.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveSite, launchChromium } from './lib.mjs';

const [siteDir, base, start, query, expected, titles] = process.argv.slice(2);
if (!expected) {
  console.error('usage: node search.mjs <site-dir> <base> <start-page> <query> <expected-page>');
  process.exit(2);
}

const fromDisk = base === 'file:';
const server = fromDisk
  ? { origin: '', base: pathToFileURL(path.resolve(siteDir)).href + '/', close: async () => {} }
  : await serveSite(siteDir, base);
let browser;
try {
  browser = await launchChromium();
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.origin}${server.base}${start}`, { waitUntil: 'load' });
  const box = page.locator('input[type=search]');
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  console.log('ok search box shown by search.js');
  await page.locator('h1').first().click();
  await page.keyboard.press('/');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (focused !== 'search-input') throw new Error(`"/" focused ${focused}, not the search box`);
  console.log('ok "/" focuses the box');
  await page.keyboard.type(query, { delay: 20 });
  if (expected === 'unavailable') {
    // The index cannot load: the page must say so where it is seen.
    const line = page.locator('.search-results .search-empty').first();
    await line.waitFor({ state: 'visible', timeout: 10_000 });
    const said = await line.innerText();
    if (!/Search is unavailable.*roadmap-site serve/.test(said)) throw new Error(`shown: "${said}"`);
    console.log(`ok shown: ${said}`);
  } else if (expected === 'ranked') {
    await inspectResults(page, titles.split('|'));
  } else {
    await followFirstResult(page);
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
  }
  console.log('search: passed');
} catch (e) {
  console.error(`search: FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  await server.close();
}

/// The first result shows a status; ArrowDown + Enter lands on the expected page.
async function followFirstResult(page) {
  const first = page.locator('.search-results a').first();
  await first.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await first.innerText()).replace(/\s+/g, ' ').trim();
  console.log(`ok first result: ${text}`);
  // The status chip's label, in the site's language (the Rust test checks which).
  const chip = (await first.locator('.chip').innerText()).replace(/\s+/g, ' ').trim();
  if (!/^[○◐✓⤼] \S/.test(chip)) throw new Error(`no status in "${text}"`);
  const status = await page.locator('#search-status').innerText();
  console.log(`ok status: ${status}`);
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL(`**${expected}`, { timeout: 10_000 }), page.keyboard.press('Enter')]);
  const landed = fromDisk ? page.url() : new URL(page.url()).pathname;
  if (landed !== `${server.base}${expected}`) throw new Error(`landed on ${landed}, not ${server.base}${expected}`);
  console.log(`ok followed to ${landed}`);
}

/// The results' order, marks and snippets; Escape closes them.
async function inspectResults(page, titles) {
  const first = page.locator('.search-results a').first();
  await first.waitFor({ state: 'visible', timeout: 10_000 });
  const results = await page.$$eval('.search-results a', (links) => links.map((a) => ({
    title: a.querySelector('.search-title').textContent,
    marked: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    snippet: a.querySelector('.search-snippet') ? a.querySelector('.search-snippet').innerHTML : '',
  })));
  const words = query.toLowerCase().split(/\s+/);
  for (const r of results) {
    console.log(`ok result: ${r.title} · marked ${JSON.stringify(r.marked)} · snippet ${r.snippet}`);
    if (!r.marked.some((m) => words.includes(m.toLowerCase()))) throw new Error(`"${r.title}" marks none of ${words}`);
  }
  const order = results.slice(0, titles.length).map((r) => r.title);
  if (order.join('|') !== titles.join('|')) throw new Error(`ranked ${order.join(' | ')}, not ${titles.join(' | ')}`);
  console.log(`ok ranked: ${order.join(' | ')}`);
  const status = await page.locator('#search-status').innerText();
  if (status !== `${results.length} results` && status !== '1 result') throw new Error(`live region says "${status}"`);
  console.log(`ok live region: ${status}`);
  await page.keyboard.press('Escape');
  if (await page.locator('.search-results').isVisible()) throw new Error('Escape left the results open');
  console.log('ok Escape closes the results');
}
