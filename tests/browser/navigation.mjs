#!/usr/bin/env node
// The list of phases as a visitor meets it: beside the page on a wide screen, and on
// a phone behind the header's "Phases" button (an HTML popover, no script).
//
//   node tests/browser/navigation.mjs <site-dir> <phase-page>
//
// Prints "ok …" or "FAIL …" lines, then "N passed, M failed".

import { serveSite, launchChromium } from './lib.mjs';

const [siteDir, phasePage] = process.argv.slice(2);
if (!phasePage) {
  console.error('usage: node navigation.mjs <site-dir> <phase-page>');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed += 1; else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
}

const server = await serveSite(siteDir, '/');
const url = `${server.origin}/${phasePage}`;
for (const width of [1280, 390]) {
  const browser = await launchChromium({ viewport: { width, height: 800 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const sidebar = page.locator('nav.sidebar');
    const button = page.locator('button.menu-button');
    const links = sidebar.locator('.phase-nav a');
    const count = await links.count();
    check(count > 1, `${width}px: the list holds ${count} phases`);
    const current = sidebar.locator('.phase-nav a[aria-current="page"]');
    check(await current.count() === 1
      && (await current.getAttribute('href')).endsWith(phasePage.split('/').pop()),
      `${width}px: the page's own phase is marked current`);
    if (width > 960) {
      check(await sidebar.isVisible(), `${width}px: the sidebar is shown beside the page`);
      check(!(await button.isVisible()), `${width}px: no menu button`);
      const box = await sidebar.boundingBox();
      const main = await page.locator('main').boundingBox();
      check(box && main && box.x + box.width <= main.x, `${width}px: the sidebar is beside the page, not over it`);
    } else {
      check(!(await sidebar.isVisible()), `${width}px: the list is closed at first`);
      check(await button.isVisible(), `${width}px: the "Phases" button is shown`);
      await button.click();
      check(await sidebar.isVisible() && await links.first().isVisible(), `${width}px: the button opens the list`);
      const box = await sidebar.boundingBox();
      check(box && box.width <= width, `${width}px: the open list fits the screen (${box && Math.round(box.width)}px)`);
      await page.keyboard.press('Escape');
      check(!(await sidebar.isVisible()), `${width}px: Escape closes it`);
      await button.click();
      const target = links.nth(1);
      const href = await target.getAttribute('href');
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith(href.split('/').pop())), target.click()]);
      check(true, `${width}px: a phase in the open list is followed (${href})`);
    }
  } catch (e) {
    check(false, `${width}px: ${e.message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}
await server.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
