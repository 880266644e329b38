// The installable, offline-first shell on a phone (persistent Chromium profile, 360x740, DPR 2, touch):
// Chromium's own installability check passes; after one online visit the app starts offline from the
// service worker's cache and draws the market list; /api/ is never cached; a new build (a changed
// sw.js VERSION) reaches an already-open page as "update available", and applying it swaps the cache.
// The server serves a temporary copy of the built web folder, so changing sw.js disturbs no one.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchPhone, openApp, watchErrors, findItem, settle, screenshot, ROOT, WEB_DIR, describingTest } from './lib.mjs';

// A failing test prints where the phone was (lib.mjs, describePage).
const test = describingTest(nodeTest, () => (phone ? phone.context.pages() : []));

let webCopy, server, phone, page, errors;

// The apps of cmake/apps.cmake with their names on the phone (tests/web/apps.test.mjs checks them apart).
const APPS = JSON.parse(fs.readFileSync(process.env.PASAR_APPS_JSON || path.join(ROOT, 'build', 'em', 'apps.json'), 'utf8')).apps;
const BUYER = APPS.find((a) => a.id === 'buyer');

function builtVersion() {
  const m = fs.readFileSync(path.join(webCopy, 'sw.js'), 'utf8').match(/^const VERSION = '([^']*)';$/m);
  assert.ok(m, 'sw.js has a `const VERSION = \'...\';` line a build step can stamp');
  return m[1];
}

function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function cachedUrls() {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

async function waitForController() {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null &&
    window.pasarPwa !== undefined, null, { timeout: 90000 });
}

before(async () => {
  webCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-web-'));
  fs.cpSync(WEB_DIR, webCopy, { recursive: true });
  server = await startServer(['--web-dir', webCopy]);  // the last --web-dir wins
  phone = await launchPhone();
  page = phone.context.pages()[0] || await phone.context.newPage();
  errors = watchErrors(page);
});

after(async () => {
  if (phone) await phone.close();
  if (server) await server.stop();
  if (webCopy) fs.rmSync(webCopy, { recursive: true, force: true });
});

test('the manifest describes an installable app and Chromium finds no installability error', async () => {
  const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
  assert.equal(manifest.name, 'Pasar Daring');
  assert.equal(manifest.short_name, 'Pasar Daring');
  assert.equal(manifest.lang, 'id');
  assert.match(manifest.description, /pasar tradisional/);
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.theme_color, '#167042');
  assert.equal(manifest.background_color, '#f6f4ee');
  assert.deepEqual(manifest.categories, ['shopping', 'food']);
  const wanted = ['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable'];
  for (const want of wanted) {
    const [sizes, purpose] = want.split(' ');
    const icon = manifest.icons.find((i) => i.sizes === sizes && i.purpose === purpose && i.type === 'image/png');
    assert.ok(icon, `an icon ${want}`);
    const res = await fetch(new URL(icon.src, `${server.url}/manifest.webmanifest`));
    assert.equal(res.status, 200, icon.src);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(pngSize(Buffer.from(await res.arrayBuffer())), sizes, `${icon.src} is really ${sizes}`);
  }

  await openApp(page, server.url);
  await findItem(page, 'link', 'Pasar Tugu');
  await waitForController();
  const cdp = await page.context().newCDPSession(page);
  const { errors: manifestErrors } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifestErrors, [], 'the manifest parses without errors');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium would offer to install the app');
  await cdp.detach();
});

test('one versioned cache holds the shell and every market file, and never /api/', async () => {
  const version = builtVersion();
  // Requests to the API from the page go to the server and stay out of every cache.
  const api = await page.evaluate(async () => {
    const health = await fetch('/api/health');
    const pull = await fetch('/api/sync', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ push_version: 1, client_id: 'pwa-test-0001', mutations: [], cookie: null }) });
    return { health: health.status, pull: pull.status };
  });
  assert.deepEqual(api, { health: 200, pull: 200 });
  const caches = await cachedUrls();
  assert.deepEqual(Object.keys(caches), [`pasar-${version}`]);
  const urls = caches[`pasar-${version}`];
  for (const p of ['/index.html', '/pasar.js', '/pasar.wasm', '/pasar_store.js', '/pasar_mirror.js', '/pasar_shell.js', '/pwa.js', '/pasar.css',
    '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-maskable-512.png', '/data/index.json']) {
    assert.ok(urls.includes(p), `${p} is cached`);
  }
  const index = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'catalog', 'index.json'), 'utf8'));
  assert.equal(index.markets.length, 14);
  for (const m of index.markets) assert.ok(urls.includes(`/data/${m.file}`), `/data/${m.file} is cached`);
  assert.deepEqual(urls.filter((u) => u.includes('/api/')), [], 'no API response is ever cached');
});

test("the buyer's page keeps its store, lock and cache under the buyer's own names", async () => {
  const version = builtVersion();
  const used = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    locks: (await navigator.locks.query()).held.map((l) => l.name),
    caches: await caches.keys(),
  }));
  assert.ok(used.databases.includes(BUYER.db), `IndexedDB ${BUYER.db} holds the store: ${used.databases}`);
  assert.ok(used.locks.includes(BUYER.lock), `this tab holds the Web Lock ${BUYER.lock}: ${used.locks}`);
  assert.deepEqual(used.caches, [`${BUYER.cache_prefix}${version}`]);
  for (const other of APPS.filter((a) => a !== BUYER)) {
    assert.ok(!used.databases.includes(other.db) && !used.locks.includes(other.lock), `nothing of ${other.id}'s`);
  }
});

test('after one online visit the app starts offline and draws the market list from the cache', async () => {
  await phone.context.setOffline(true);
  const started = Date.now();
  await page.reload();
  await page.waitForFunction(() => window.pasar && window.pasar.booted && window.pasar.frames > 0, null, { timeout: 60000 });
  await findItem(page, 'link', 'Pasar Tugu');
  const ms = Date.now() - started;
  await settle(page);
  await screenshot(page, 'pwa-01-offline-start');
  console.log(`offline start to the market list: ${ms} ms (one run, CPU 1x, for information only)`);
  const offline = await page.evaluate(async () => {
    const market = await fetch('data/markets/pasar-tugu.json').then((r) => r.json());
    let api = 'answered';
    try { await fetch('/api/health'); } catch (err) { api = 'failed'; }
    return { market: market.market_id, api, online: navigator.onLine };
  });
  assert.deepEqual(offline, { market: 'pasar-tugu', api: 'failed', online: false },
    'catalogue files come from the cache; the API is left to the network, which is gone');
  await phone.context.setOffline(false);
  assert.deepEqual(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e)), []);
});

test('a new build reaches an open page as "update available"; applying it swaps to the new cache', async () => {
  const oldVersion = builtVersion();
  assert.equal(await page.evaluate(() => window.pasarPwa.version()), oldVersion);
  await page.evaluate(() => {
    window.__updates = [];
    window.pasarPwa.onUpdateAvailable((info) => window.__updates.push(info));
  });
  const sw = path.join(webCopy, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/^const VERSION = '[^']*';$/m, "const VERSION = 'pwa-test-2';"));
  for (const ext of ['.gz', '.br']) fs.rmSync(sw + ext, { force: true });   // the stale compressed copies
  await page.evaluate(() => window.pasarPwa.checkForUpdate());
  await page.waitForFunction(() => window.__updates.length > 0, null, { timeout: 90000 });
  assert.deepEqual(await page.evaluate(() => window.__updates), [{ version: 'pwa-test-2' }]);
  // Nothing changed under the page yet: the new version waits for the buyer's go-ahead.
  assert.equal(await page.evaluate(() => window.pasarPwa.version()), oldVersion);
  await Promise.all([
    page.waitForEvent('load', { timeout: 60000 }),
    page.evaluate(() => window.pasarPwa.applyUpdate()),
  ]);
  await page.waitForFunction(() => window.pasar && window.pasar.booted && window.pasar.frames > 0, null, { timeout: 60000 });
  await waitForController();
  assert.equal(await page.evaluate(() => window.pasarPwa.version()), 'pwa-test-2');
  assert.deepEqual(Object.keys(await cachedUrls()), ['pasar-pwa-test-2'], 'the old cache is gone');
  await findItem(page, 'link', 'Pasar Tugu');
  await screenshot(page, 'pwa-02-after-update');
});

test("another app's folder is never answered by the buyer's worker: /lapak/ goes to the network", async () => {
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the buyer\'s worker is running');
  for (const other of APPS.filter((a) => a !== BUYER)) {
    // Not built here, so the server answers 404; the buyer's worker would have answered with its own shell.
    const response = await page.goto(`${server.url}/${other.path}#/pesanan`);
    assert.equal(response.status(), 404, `/${other.path} reached the server`);
    assert.equal(response.fromServiceWorker(), false, `/${other.path} did not come from the buyer's cache`);
  }
  await page.goto(`${server.url}/`);
  await findItem(page, 'link', 'Pasar Tugu');
});
