#!/usr/bin/env node
// A full-page screenshot of one page of a built site, for the README.
//
//   node tests/browser/screenshot.mjs <site-dir> <page> <out.png> <width> [--dark]
//
// The site is served on 127.0.0.1 and opened in headless Chromium with a viewport of
// <width> × 900 CSS pixels; requests to any other host are blocked.

import path from 'node:path';

import { serveSite, launchChromium } from './lib.mjs';

function usage(message) {
  if (message) console.error(`screenshot: ${message}`);
  console.error('usage: node screenshot.mjs <site-dir> <page> <out.png> <width> [--dark]');
  process.exit(2);
}

const argv = process.argv.slice(2);
const dark = argv.includes('--dark');
const [siteDir, pageRel, out, widthArg] = argv.filter((a) => a !== '--dark');
if (!siteDir || !pageRel || !out || !widthArg) usage();
const width = Number.parseInt(widthArg, 10);
if (!Number.isInteger(width) || width < 200 || width > 4000) usage(`bad width ${widthArg}`);

const server = await serveSite(siteDir, '/');
let browser;
try {
  browser = await launchChromium({ viewport: { width, height: 900 } });
  const page = await browser.context.newPage();
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['http:', 'https:'].includes(u.protocol) && u.hostname !== '127.0.0.1') return route.abort('blockedbyclient');
    return route.continue();
  });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const url = `${server.origin}/${pageRel.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (!response || response.status() !== 200) {
    throw new Error(`${url} answered ${response ? response.status() : 'nothing'}`);
  }
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  await page.screenshot({ path: path.resolve(out), fullPage: true });
  console.log(`wrote ${out} (${pageRel} at ${width}px${dark ? ', dark' : ''})`);
} catch (e) {
  console.error(`screenshot: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  await server.close();
}
