// The buyer's worker and the static pages (/pasar/..., /produk/...; README "Pages"): the cached copy at once
// and a refresh from the network for the next visit, pages kept across versions, and a page never opened,
// offline, redirected to the app's hash route for that place. Run in a small fake worker scope (node:vm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const ORIGIN = 'http://127.0.0.1:8000';

function buyerWorker() {
  return fs.readFileSync(path.join(ROOT, 'web', 'sw.js'), 'utf8')
    .replaceAll('@APP_CACHE_PREFIX@', 'pasar-').replaceAll('@APP_ROOT@', '')
    .replaceAll('@APP_OTHER_PATHS@', "['lapak/', 'koperasi/', 'dinas/']");
}

class FakeResponse {
  constructor(body, init = {}) { this.body = body; this.status = init.status ?? 200; this.ok = this.status < 300; this.type = 'basic'; }
  clone() { return this; }
  static redirect(url, status) { const r = new FakeResponse('', { status }); r.location = url; return r; }
}

// network: url -> body, or null for offline.
function loadWorker(network) {
  const listeners = {};
  const stores = new Map();
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    return { match: async (req) => store.get(req.url || req), put: async (req, res) => { store.set(req.url || req, res); } };
  };
  const fetched = [];
  const context = {
    self: { registration: { scope: `${ORIGIN}/` }, addEventListener: (t, fn) => { listeners[t] = fn; },
      clients: { claim: async () => {} }, skipWaiting: () => {} },
    caches: { open, keys: async () => [...stores.keys()], delete: async (n) => stores.delete(n) },
    URL, Request: class {}, Response: FakeResponse, console, setTimeout, clearTimeout,
    fetch: async (req) => {
      fetched.push(req.url);
      if (network === null) throw new Error('offline');
      return new FakeResponse(network[req.url] ?? 'missing', { status: network[req.url] ? 200 : 404 });
    },
  };
  vm.runInNewContext(buyerWorker(), context);
  return {
    stores, fetched,
    async get(url, mode = 'navigate') {
      let answer = null;
      const waits = [];
      listeners.fetch({ request: { method: 'GET', url, mode }, respondWith: (p) => { answer = p; },
        waitUntil: (p) => waits.push(p) });
      const response = answer && await answer;
      await Promise.all(waits);
      return response;
    },
    setNetwork(next) { network = next; },
  };
}

test('a page shows the cached copy at once and is refreshed from the network for the next visit', async () => {
  const url = `${ORIGIN}/pasar/pasar-tugu/`;
  const network = { [url]: 'v1' };
  const sw = loadWorker(network);
  assert.equal((await sw.get(url)).body, 'v1', 'first visit: the network');
  network[url] = 'v2';
  assert.equal((await sw.get(url)).body, 'v1', 'second visit: the cached copy at once');
  assert.equal((await sw.get(url)).body, 'v2', 'third visit: what the second visit fetched');
  assert.deepEqual([...sw.stores.keys()], ['pasar-pages']);
  sw.setNetwork(null);
  assert.equal((await sw.get(url)).body, 'v2', 'offline: the kept copy');
});

test('offline, a page never opened redirects to the app at that place', async () => {
  const sw = loadWorker(null);
  const cases = {
    [`${ORIGIN}/pasar/pasar-tugu/pasar-tugu.s1/`]: `${ORIGIN}/#/pasar/pasar-tugu/lapak/pasar-tugu.s1`,
    [`${ORIGIN}/pasar/pasar-tugu/`]: `${ORIGIN}/#/pasar/pasar-tugu`,
    [`${ORIGIN}/produk/pasar-tugu.s1.p2/`]: `${ORIGIN}/#/produk/pasar-tugu.s1.p2`,
    [`${ORIGIN}/pasar/`]: `${ORIGIN}/#/`,
  };
  for (const [from, to] of Object.entries(cases)) {
    const response = await sw.get(from);
    assert.equal(response.status, 302, from);
    assert.equal(response.location, to, from);
  }
});

test('a new version keeps the pages cache and drops only the old shell cache', async () => {
  const deleted = [];
  const listeners = {};
  const context = {
    self: { registration: { scope: `${ORIGIN}/` }, addEventListener: (t, fn) => { listeners[t] = fn; },
      clients: { claim: async () => {} } },
    caches: { keys: async () => ['pasar-0123456789ab', 'pasar-pages', 'pasar-dev'], delete: async (n) => { deleted.push(n); } },
    URL, console, setTimeout, clearTimeout, Response: FakeResponse,
  };
  vm.runInNewContext(buyerWorker(), context);
  let done;
  listeners.activate({ waitUntil: (p) => { done = p; } });
  await done;
  assert.deepEqual(deleted, ['pasar-0123456789ab']);
});

test('card images and other apps\u2019 folders are not pages', async () => {
  const sw = loadWorker(null);
  assert.equal(await sw.get(`${ORIGIN}/lapak/`), null, "another app's folder: not answered");
  const card = await sw.get(`${ORIGIN}/pasar/pasar-tugu/kartu.png`, 'no-cors');
  assert.equal(card.status, 503, 'a card is a file: cache first, then the network (offline here)');
});
