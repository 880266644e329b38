// Start-up under the cheap-phone profiles of QUALITY.md, medians over repeated runs:
//   cold: a fresh browser context (empty HTTP cache) per run, network and CPU throttled over CDP before
//         the navigation; the figure is the app's performance mark at the first frame with catalogue data
//         (its startTime counts from the navigation's start). Baseline, same profile and run count: the
//         empty ImGui app's first frame (the stack's floor); the load event of index.html is noted too.
//   warm: offline start from the service worker's cache at CPU 10x. Measured only when web/sw.js exists
//         (detected); then the SW must really serve the app offline, or the run fails.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PHONE, launchPhone } from '../tests/browser/lib.mjs';
import { EMPTY_FIRST_MARK, FIRST_DATA_MARK, waitForMark } from './lib/app_page.mjs';
import { PROFILES, ROOT, applyProfile, failed, log, median, ms, notMeasured, row } from './lib/common.mjs';

const SECTION = 'start';

async function loadEventMs(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : NaN;
  });
}

async function coldRun(browser, url, mark, profile) {
  const context = await browser.newContext({ ...PHONE });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await applyProfile(cdp, profile);
    await page.goto(url, { waitUntil: 'commit', timeout: 180000 });
    const markMs = await waitForMark(page, mark);
    await page.waitForFunction(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav && nav.loadEventEnd > 0;
    }, null, { timeout: 60000, polling: 200 }).catch(() => {});
    return { mark_ms: markMs, load_ms: await loadEventMs(page) };
  } finally {
    await context.close();
  }
}

export async function measureCold({ appUrl, emptyUrl, runs }) {
  const rows = [];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const key of ['lowend', 'slow4g']) {
      const profile = PROFILES[key];
      const figure = `cold start to first frame with catalogue data, ${profile.name}`;
      const target = key === 'lowend' ? '<= 3.0 s' : '(no target; Lighthouse profile)';
      try {
        const app = [], empty = [];
        // Interleaved, so a burst of load from other work on the machine hits both sides alike.
        for (let i = 0; i < runs; i++) {
          log(`start: ${key} run ${i + 1}/${runs}`);
          app.push(await coldRun(browser, appUrl, FIRST_DATA_MARK, profile));
          empty.push(await coldRun(browser, emptyUrl, EMPTY_FIRST_MARK, profile));
        }
        const appMarks = app.map((r) => r.mark_ms);
        rows.push(row(SECTION, figure, {
          value: `median ${ms(median(appMarks))} (${runs} runs, ${ms(Math.min(...appMarks))}..${ms(Math.max(...appMarks))})`,
          target,
          baseline: `empty ImGui app first frame: median ${ms(median(empty.map((r) => r.mark_ms)))}`,
          note: `load event of index.html: median ${ms(median(app.map((r) => r.load_ms)))}`,
          detail: { app, empty } }));
      } catch (e) {
        rows.push(failed(SECTION, figure, target, e));
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

// Waits until the service worker controls the page and has cached the shell, the wasm and the index.
async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const wanted = [/\/pasar\.wasm$/, /\/pasar\.js$/, /\/data\/index\.json$/];
    const seen = new Set();
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) {
        wanted.forEach((re, i) => { if (re.test(new URL(req.url).pathname)) seen.add(i); });
      }
    }
    return seen.size === wanted.length;
  }, null, { timeout: 60000, polling: 500 });
}

export async function measureWarm({ appUrl, webDir, runs }) {
  const figure = 'warm start offline from the service worker, CPU 10x';
  const target = '<= 1.0 s';
  const source = path.join(ROOT, 'web', 'sw.js');
  if (!fs.existsSync(source)) {
    return [notMeasured(SECTION, figure, target, 'no service worker yet: web/sw.js does not exist')];
  }
  if (!fs.existsSync(path.join(webDir, 'sw.js'))) {
    return [failed(SECTION, figure, target, `web/sw.js exists but ${webDir}/sw.js was not built`)];
  }
  const phone = await launchPhone();
  try {
    const page = phone.context.pages()[0] || await phone.context.newPage();
    await page.goto(appUrl);
    await waitForMark(page, FIRST_DATA_MARK, 120000);
    await waitForServiceWorker(page);
    const cdp = await phone.context.newCDPSession(page);
    await phone.context.setOffline(true);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    const results = [];
    for (let i = 0; i < runs; i++) {
      log(`start: warm offline run ${i + 1}/${runs}`);
      await page.reload({ waitUntil: 'commit', timeout: 60000 });
      const markMs = await waitForMark(page, FIRST_DATA_MARK, 120000);
      await page.waitForTimeout(300);
      const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
      if (!controlled) throw new Error('the offline reload was not controlled by the service worker');
      results.push({ mark_ms: markMs, load_ms: await loadEventMs(page) });
    }
    const marks = results.map((r) => r.mark_ms);
    return [row(SECTION, figure, {
      value: `median ${ms(median(marks))} (${runs} runs, ${ms(Math.min(...marks))}..${ms(Math.max(...marks))})`,
      target, baseline: `load event of index.html, same runs: median ${ms(median(results.map((r) => r.load_ms)))}`,
      note: 'reloads of one page with the context offline; each reload checked to be controlled by the worker',
      detail: results })];
  } catch (e) {
    return [failed(SECTION, figure, target, e)];
  } finally {
    await phone.close();
  }
}
