#!/usr/bin/env node
// A built site → screenshots of its first screen, for the README: each page at 1280 and
// 390 CSS pixels wide, in the light and the dark colour scheme, as small PNG files.
//
//   node tests/browser/screenshot.mjs <site-dir> <out-dir> [name=page ...]
//
// Writes <out-dir>/<name>-<width>.png (light) and <name>-<width>-dark.png. Without
// name=page arguments the pages are: home (index.html), phase (the first page of
// phases/), task (the longest page of tasks/: a note is what makes a task page long)
// and map (map.html, when the site has one). The site is served on 127.0.0.1 and
// opened in headless Chromium (lib.mjs); requests to any other host are blocked. Each
// image is reduced to 256 colours (upng-js): the pages are flat colours and text, so it
// shows little and makes the files about a third as big.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import UPNG from 'upng-js';

import { serveSite, launchChromium } from './lib.mjs';

// Width × height of the first screen: a laptop, and a phone (an iPhone 12 to 15).
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'];

function usage(message) {
  if (message) console.error(`screenshot: ${message}`);
  console.error('usage: node screenshot.mjs <site-dir> <out-dir> [name=page ...]');
  process.exit(2);
}

/// The default pages of a built site, as [name, page] pairs; the map only when present.
function defaultPages(siteDir) {
  const htmlIn = (dir) => {
    const full = path.join(siteDir, dir);
    if (!fs.existsSync(full)) return [];
    return fs.readdirSync(full).filter((f) => f.endsWith('.html')).sort().map((f) => `${dir}/${f}`);
  };
  const size = (page) => fs.statSync(path.join(siteDir, page)).size;
  const pages = [['home', 'index.html']];
  const phases = htmlIn('phases');
  if (phases.length) pages.push(['phase', phases[0]]);
  const tasks = htmlIn('tasks');
  if (tasks.length) pages.push(['task', tasks.reduce((a, b) => (size(b) > size(a) ? b : a))]);
  if (fs.existsSync(path.join(siteDir, 'map.html'))) pages.push(['map', 'map.html']);
  return pages;
}

const [siteDir, outDir, ...rest] = process.argv.slice(2);
if (!siteDir || !outDir) usage();
if (!fs.existsSync(path.join(siteDir, 'index.html'))) usage(`${siteDir} has no index.html: is it a built site?`);
const pages = rest.length
  ? rest.map((arg) => {
      const [name, page] = arg.split('=');
      if (!name || !page || !/^[\w-]+$/.test(name)) usage(`bad argument ${arg} (want name=page)`);
      return [name, page.replace(/^\/+/, '')];
    })
  : defaultPages(siteDir);
fs.mkdirSync(outDir, { recursive: true });
// Roadmaps are full of emoji; without a font for them Chromium draws empty boxes.
let emojiFonts = '';
try {
  emojiFonts = execFileSync('fc-list', [':charset=1f680', 'family'], { encoding: 'utf8' }).trim();
} catch {
  // No fontconfig: Chromium finds no fonts of its own either, so say so below.
}
if (!emojiFonts) console.error('screenshot: note: no emoji font (apt-get install fonts-noto-color-emoji): emoji will show as boxes');

const server = await serveSite(siteDir, '/');
let browser;
try {
  browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['http:', 'https:'].includes(u.protocol) && u.hostname !== '127.0.0.1') return route.abort('blockedbyclient');
    return route.continue();
  });
  for (const [name, rel] of pages) {
    const url = `${server.origin}/${rel.split('/').map(encodeURIComponent).join('/')}`;
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        if (!response || response.status() !== 200) {
          throw new Error(`${url} answered ${response ? response.status() : 'nothing'}`);
        }
        const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
        const small = quantize(png);
        const file = path.join(outDir, `${name}-${viewport.width}${scheme === 'dark' ? '-dark' : ''}.png`);
        fs.writeFileSync(file, small);
        console.log(`wrote ${file} (${rel}, ${viewport.width}×${viewport.height}, ${scheme}, ${Math.round(small.length / 1024)} KiB)`);
      }
    }
  }
} catch (e) {
  console.error(`screenshot: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  await server.close();
}

/// The PNG re-encoded with a palette of at most 256 colours.
function quantize(png) {
  const image = UPNG.decode(png);
  const rgba = UPNG.toRGBA8(image)[0];
  return Buffer.from(UPNG.encode([rgba], image.width, image.height, 256));
}
