// Bytes of the first load: every file the browser fetches from a cold start until the first frame with
// catalogue data (one more second allowed for late requests), each fetched again from serve.py with the
// Accept-Encoding Chromium sends ("gzip, deflate, br, zstd": serve.py answers with the .br sibling), with
// gzip only (a browser without brotli) and with none, so "as served compressed" is exactly what serve.py sends. Baseline in the same run: the empty ImGui app (bench/empty_app.cpp) built with
// the app's flags, loaded and counted the same way. When the app has a service worker, what it downloads
// on install (after the first frame) is counted apart.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PHONE } from '../tests/browser/lib.mjs';
import { EMPTY_FIRST_MARK, FIRST_DATA_MARK, waitForMark } from './lib/app_page.mjs';
import { ROOT, failed, kb, log, row } from './lib/common.mjs';

const SECTION = 'bytes';

const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';  // what the Chromium on these machines sends

function fetchBytes(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes: n, encoding: res.headers['content-encoding'] || '' }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// The same-origin paths a cold load requests, in request order, until the first frame with data (+1 s).
// With `serviceWorker`, it then waits for the worker to be ready and its install fetches to stop, and
// also returns those fetches with the bytes the browser received for each (a file the page already has
// is revalidated: 304, no body).
async function firstLoad(browser, url, mark, serviceWorker) {
  const context = await browser.newContext({ ...PHONE });
  try {
    const origin = new URL(url).origin;
    const paths = [];
    const workerFetches = [];
    let lastWorkerFetch = Date.now();
    context.on('requestfinished', async (req) => {
      const u = new URL(req.url());
      if (u.origin !== origin) return;
      if (req.serviceWorker()) {
        lastWorkerFetch = Date.now();
        const sizes = await req.sizes().catch(() => null);
        workerFetches.push({ path: u.pathname, bytes: sizes ? sizes.responseBodySize : 0 });
      }
    });
    const page = await context.newPage();
    page.on('request', (req) => {
      const u = new URL(req.url());
      // Static files only: the sync POST the app makes once it runs is data, not what the phone downloads to start.
      if (u.pathname.startsWith('/api/')) return;
      if (u.origin === origin && !paths.includes(u.pathname)) paths.push(u.pathname);
    });
    await page.goto(url);
    await waitForMark(page, mark, 120000);
    await page.waitForTimeout(1000);
    const firstPaths = [...paths];
    if (serviceWorker) {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      while (Date.now() - lastWorkerFetch < 2000) await page.waitForTimeout(250);
    }
    return { paths: firstPaths, workerFetches };
  } finally {
    await context.close();
  }
}

async function sizeFiles(url, paths) {
  const files = [];
  for (const p of paths) {
    const raw = await fetchBytes(new URL(p, url).href, '');
    const gz = await fetchBytes(new URL(p, url).href, 'gzip');
    const served = await fetchBytes(new URL(p, url).href, BROWSER_ACCEPT_ENCODING);
    if (raw.status !== 200 || gz.status !== 200 || served.status !== 200) {
      throw new Error(`${p}: HTTP ${raw.status}/${gz.status}/${served.status}`);
    }
    files.push({ path: p === '/' ? '/ (index.html)' : p, raw: raw.bytes, gzip: gz.bytes, served: served.bytes,
                 encoding: served.encoding });
  }
  const total = (key) => files.reduce((a, f) => a + f[key], 0);
  return { files, raw: total('raw'), gzip: total('gzip'), served: total('served') };
}

export async function measureBytes({ appUrl, emptyUrl }) {
  const rows = [];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let app, empty, appLoad;
  try {
    log('bytes: first load of the app and of the empty baseline');
    appLoad = await firstLoad(browser, appUrl, FIRST_DATA_MARK, fs.existsSync(path.join(ROOT, 'web', 'sw.js')));
    app = await sizeFiles(appUrl, appLoad.paths);
    empty = await sizeFiles(emptyUrl, (await firstLoad(browser, emptyUrl, EMPTY_FIRST_MARK, false)).paths);
  } catch (e) {
    return { rows: [failed(SECTION, 'first-load bytes', '<= 200 KB', e)], detail: null };
  } finally {
    await browser.close();
  }
  const wasm = (set) => set.files.find((f) => f.path.endsWith('.wasm')) || { raw: NaN, served: NaN };
  rows.push(row(SECTION, 'first-load transfer, app shell + catalogue index, as served to Chromium (br)', {
    value: `${kb(app.served)} (${app.files.length} files)`, target: '<= 200 KB',
    baseline: `empty ImGui app: ${kb(empty.served)} (${empty.files.length} files)` }));
  rows.push(row(SECTION, 'pasar.wasm as served to Chromium (br)', {
    value: kb(wasm(app).served), target: '<= 160 KB', baseline: `empty_app.wasm: ${kb(wasm(empty).served)}` }));
  rows.push(row(SECTION, 'first-load transfer to a browser without brotli (gzip)', {
    value: `${kb(app.gzip)} (wasm ${kb(wasm(app).gzip)})`, target: '(the 200 KB target is for what browsers get)',
    baseline: `empty ImGui app: ${kb(empty.gzip)} (wasm ${kb(wasm(empty).gzip)})` }));
  rows.push(row(SECTION, 'first-load bytes, uncompressed', {
    value: `${kb(app.raw)} (wasm ${kb(wasm(app).raw)})`, target: '(none)',
    baseline: `empty ImGui app: ${kb(empty.raw)} (wasm ${kb(wasm(empty).raw)})` }));
  if (appLoad.workerFetches.length) {
    const w = appLoad.workerFetches;
    const bytes = w.reduce((a, f) => a + f.bytes, 0);
    const revalidated = w.filter((f) => f.bytes === 0).length;
    rows.push(row(SECTION, 'service worker install after the first frame (first visit only)', {
      value: `${kb(bytes)} received in ${w.length} fetches`, target: '(not in the 200 KB budget: after the first frame)',
      baseline: '(the empty app has no service worker)',
      note: `${revalidated} of them came with no body (files the page already had, revalidated: 304); the rest ` +
        'are icons and every market\'s catalogue file, counted as the browser received them',
      detail: w }));
  }
  return { rows, detail: { app, empty, worker: appLoad.workerFetches } };
}

// Markdown table of the files of one first load.
export function bytesTable(set) {
  const lines = ['| file | raw | gzip | as served to Chromium | encoding |', '|---|---:|---:|---:|---|'];
  for (const f of set.files) {
    lines.push(`| ${f.path} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.served)} | ${f.encoding || 'identity'} |`);
  }
  lines.push(`| **total** | **${kb(set.raw)}** | **${kb(set.gzip)}** | **${kb(set.served)}** | |`);
  return lines.join('\n');
}
