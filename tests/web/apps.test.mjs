// One app per role from one codebase (cmake/apps.cmake): the names each app keeps on the phone are its own,
// the built folders carry exactly those names, and each app's service worker answers only its own pages.
// A browser cannot stop one script of an origin from opening another app's database, so the names are what
// is tested: for every app of the list, built or planned (stall /lapak/, cooperative /koperasi/, office
// /dinas/). The workers are run here in a small fake worker scope (node:vm), fed fetch and activate events.
//   PASAR_APPS_JSON  the build's apps.json (default build/em/apps.json)
//   PASAR_WEB_DIR    the assembled folder (default build/web)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const APPS_JSON = process.env.PASAR_APPS_JSON || path.join(ROOT, 'build', 'em', 'apps.json');
const WEB_DIR = process.env.PASAR_WEB_DIR || path.join(ROOT, 'build', 'web');
const { apps } = JSON.parse(fs.readFileSync(APPS_JSON, 'utf8'));
const built = apps.filter((a) => a.built);

test('the list holds the buyer at / and the three planned role apps in their folders', () => {
  assert.deepEqual(apps.map((a) => [a.id, a.path]).sort(),
    [['buyer', ''], ['coop', 'koperasi/'], ['office', 'dinas/'], ['stall', 'lapak/']]);
  assert.ok(built.some((a) => a.id === 'buyer'), 'the buyer is built');
});

test('every app has its own database, lock and cache names', () => {
  for (const field of ['id', 'key', 'path', 'db', 'lock', 'cache_prefix']) {   // path: also the manifest id
    const values = apps.map((a) => a[field]);
    assert.equal(new Set(values).size, values.length, `${field} is distinct: ${values.join(', ')}`);
  }
  // A worker deletes every cache that starts with its prefix on activation: no prefix may start another's.
  for (const a of apps) {
    for (const b of apps) {
      if (a !== b) assert.ok(!b.cache_prefix.startsWith(a.cache_prefix), `${a.id}'s ${a.cache_prefix} never matches ${b.id}'s caches`);
    }
    assert.match(a.db, /^\/[a-z]+$/);
    assert.match(a.lock, /^[a-z]+-store$/);
  }
});

test("the buyer keeps the names its phones already hold, so an update loses no order", () => {
  const buyer = apps.find((a) => a.id === 'buyer');
  assert.deepEqual([buyer.db, buyer.lock, buyer.cache_prefix], ['/pasar', 'pasar-store', 'pasar-']);
});

function attr(html, name) {
  const m = html.match(new RegExp(`<html[^>]* ${name}="([^"]*)"`));
  assert.ok(m, `<html ${name}> is stamped`);
  return m[1];
}

test('each built app\'s page, manifest and worker carry its own names', () => {
  for (const app of built) {
    const dir = path.join(WEB_DIR, app.path);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
    const manifestText = fs.readFileSync(path.join(dir, 'manifest.webmanifest'), 'utf8');
    for (const [name, text] of [['index.html', html], ['sw.js', sw], ['manifest.webmanifest', manifestText]]) {
      assert.doesNotMatch(text, /@APP_[A-Z_]+@/, `${app.id}: ${name} has no unstamped value`);
    }
    assert.equal(attr(html, 'data-db'), app.db);
    assert.equal(attr(html, 'data-lock'), app.lock);
    assert.equal(attr(html, 'data-root'), app.path === '' ? '' : '../');
    assert.match(sw, new RegExp(`^const CACHE_PREFIX = '${app.cache_prefix}';$`, 'm'));
    assert.match(sw, /^const VERSION = '[0-9a-f]{12}';$/m);
    const manifest = JSON.parse(manifestText);
    // start_url and scope resolve against the manifest's URL, the id against the origin.
    assert.deepEqual([manifest.id, manifest.start_url, manifest.scope], [`/${app.path}`, './', './'],
      'id, start_url and scope are the app\'s own folder');
    const unversioned = (text) => text.replace(/^const VERSION = '[^']*';$/m, '');
    assert.equal(unversioned(sw), unversioned(stampedFor(app)), `${app.id}: sw.js is web/sw.js stamped with its names`);
    for (const f of ['pasar.js', 'pasar.wasm', 'pasar_store.js', 'pasar_mirror.js', 'pasar_shell.js', 'pwa.js']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${app.id}: ${f} is in its folder`);
    }
  }
});

// ---- the workers, run in a fake service worker scope ------------------------------------------------------

// Loads an app's stamped sw.js with its registration scope; answers which requests it would answer.
function loadWorker(source, scope) {
  const listeners = {};
  const deleted = [];
  const cacheNames = [];
  const self = {
    registration: { scope },
    addEventListener: (type, fn) => { listeners[type] = fn; },
    clients: { claim: async () => {} },
    skipWaiting: () => {},
  };
  const caches = {
    keys: async () => cacheNames.slice(),
    delete: async (name) => { deleted.push(name); return true; },
    open: async () => ({ match: async () => undefined, put: async () => {} }),
  };
  const context = { self, caches, URL, Request: class {}, Response: class {}, console,
    fetch: () => Promise.reject(new Error('offline in this test')), setTimeout, clearTimeout };
  vm.runInNewContext(source, context);
  return {
    answers(url, mode = 'no-cors') {
      let answered = false;
      listeners.fetch({ request: { method: 'GET', url, mode }, respondWith: (p) => { answered = true; p.catch(() => {}); },
        waitUntil: () => {} });
      return answered;
    },
    async activate(names) {
      cacheNames.push(...names);
      let done;
      listeners.activate({ waitUntil: (p) => { done = p; } });
      await done;
      return deleted;
    },
  };
}

// The template stamped for an app of the list as the build would (tests the rule for planned apps too).
function stampedFor(app) {
  const others = apps.map((a) => a.path).filter((p) => p !== app.path && p.startsWith(app.path))
    .map((p) => `'${p.slice(app.path.length)}'`);
  return fs.readFileSync(path.join(ROOT, 'web', 'sw.js'), 'utf8')
    .replace(/(^|\n)[ \t]*\/\/[^\n]*/g, '').replace(/^\n/, '')   // served scripts drop whole-line comments
    .replaceAll('@APP_CACHE_PREFIX@', app.cache_prefix).replaceAll('@APP_ROOT@', app.path === '' ? '' : '../')
    .replaceAll('@APP_OTHER_PATHS@', `[${others.join(', ')}]`).replace("const VERSION = 'dev';", "const VERSION = 'abcdef012345';");
}

const ORIGIN = 'http://127.0.0.1:8000';

test("the buyer's worker at / never answers another app's folder, not even a navigation", () => {
  const buyer = apps.find((a) => a.id === 'buyer');
  const sw = loadWorker(fs.readFileSync(path.join(WEB_DIR, 'sw.js'), 'utf8'), `${ORIGIN}/`);
  assert.equal(sw.answers(`${ORIGIN}/`, 'navigate'), true, 'its own page');
  assert.equal(sw.answers(`${ORIGIN}/#/pasar/pasar-tugu`, 'navigate'), true);
  assert.equal(sw.answers(`${ORIGIN}/pasar.wasm`), true);
  assert.equal(sw.answers(`${ORIGIN}/data/index.json`), true, 'the shared catalogue, in its own cache');
  assert.equal(sw.answers(`${ORIGIN}/api/sync`), false, 'never the API');
  for (const other of apps.filter((a) => a !== buyer)) {
    assert.equal(sw.answers(`${ORIGIN}/${other.path}`, 'navigate'), false, `/${other.path} goes to the network`);
    assert.equal(sw.answers(`${ORIGIN}/${other.path}#/pesanan`, 'navigate'), false);
    assert.equal(sw.answers(`${ORIGIN}/${other.path}pasar.wasm`), false);
  }
  assert.equal(sw.answers('http://elsewhere.example/data/index.json'), false, 'never another origin');
});

test("another app's worker answers its own folder and the shared catalogue, nothing of the buyer's", () => {
  for (const app of apps.filter((a) => a.path !== '')) {
    const sw = loadWorker(stampedFor(app), `${ORIGIN}/${app.path}`);
    assert.equal(sw.answers(`${ORIGIN}/${app.path}`, 'navigate'), true, `${app.id}: its own page`);
    assert.equal(sw.answers(`${ORIGIN}/${app.path}pasar.js`), true);
    assert.equal(sw.answers(`${ORIGIN}/data/markets/pasar-tugu.json`), true, `${app.id}: the catalogue, from the root`);
    assert.equal(sw.answers(`${ORIGIN}/`, 'navigate'), false, `${app.id}: not the buyer's page`);
    assert.equal(sw.answers(`${ORIGIN}/pasar.js`), false);
    assert.equal(sw.answers(`${ORIGIN}/api/sync`), false);
  }
});

test("on activation a worker deletes only its own app's older caches", async () => {
  const names = apps.flatMap((a) => [`${a.cache_prefix}0123456789ab`, `${a.cache_prefix}abcdef012345`]);
  for (const app of apps) {
    const sw = loadWorker(stampedFor(app), `${ORIGIN}/${app.path}`);
    assert.deepEqual(await sw.activate(names), [`${app.cache_prefix}0123456789ab`], app.id);
  }
});
