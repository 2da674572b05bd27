#!/usr/bin/env node
// Types into the search box of a built site and follows a result with the keyboard.
//
//   node tests/browser/search.mjs <site-dir> <base> <start-page> <query> <expected-page>
//   node tests/browser/search.mjs <site-dir> <base> <start-page> <query> unavailable
//
// Served under <base> (a sub-path, as GitHub project pages are), opened at
// <start-page>; "/" must focus the box, the results must show phase and status, and
// ArrowDown + Enter must land on <expected-page>. Prints "ok …" lines or fails.
// A <base> of `file:` opens the files from disk instead (public/index.html
// double-clicked), where browsers refuse fetch() and search.js loads search-index.js.
// An <expected-page> of `unavailable` expects the line that says search cannot work.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveSite, launchChromium } from './lib.mjs';

const [siteDir, base, start, query, expected] = process.argv.slice(2);
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
  if (!/Done|In progress|To do|Skipped/.test(text)) throw new Error(`no status in "${text}"`);
  const status = await page.locator('#search-status').innerText();
  console.log(`ok status: ${status}`);
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL(`**${expected}`, { timeout: 10_000 }), page.keyboard.press('Enter')]);
  const landed = fromDisk ? page.url() : new URL(page.url()).pathname;
  if (landed !== `${server.base}${expected}`) throw new Error(`landed on ${landed}, not ${server.base}${expected}`);
  console.log(`ok followed to ${landed}`);
}
