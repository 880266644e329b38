// Pasar Daring service worker: the app starts and shows the catalogue with no network.
//
// ONE WORKER PER APP. Every app of cmake/apps.cmake has its own copy of this file in its own folder
// (/sw.js for the buyer, /lapak/sw.js for the stall ...), registered with that folder as its scope; the
// build stamps the app's lines below (CACHE_PREFIX, ROOT, OTHER_APPS) and its VERSION.
//
// ONE VERSIONED CACHE PER APP (CACHE_PREFIX + VERSION) holds the app's shell and the catalogue. The build
// replaces the VERSION line below with a stamp of the built files, so every new build is a new service
// worker: it installs beside the running one, fills its own cache, and then WAITS (no skipWaiting on
// install) until the page, having shown "update available", posts {type: 'SKIP_WAITING'} (web/pwa.js). On
// activation this app's other caches (CACHE_PREFIX + an older version) are deleted and its pages claimed;
// another app's caches have another prefix and are never touched.
//
// WHAT ANSWERS A REQUEST (same origin; anything else is not touched)
//   /api/...         never intercepted, never cached: orders and sync go to the server or fail.
//   ROOT + data/...  the shared catalogue, network first (fresh prices online), this app's cached copy when
//                    the network fails or is slower than NETWORK_TIMEOUT_MS; good answers refresh the
//                    cache. ROOT is the site root seen from this app's folder ('' or '../'), so every app
//                    caches the one catalogue in its own cache and works offline without the others.
//   OTHER_APPS       the folders of the other apps inside this worker's scope (for the buyer at /:
//                    lapak/, koperasi/, dinas/): never answered, not even navigations. They go to the
//                    network (or to that app's own worker, once installed: the most specific scope wins).
//   pasar/, produk/  the static pages (server/pages.py; only inside the buyer's scope), navigations and
//                    not: the cached copy at once, and when online the page is fetched again for the next
//                    visit (prices stay fresh; opening at once relies on the cached copy). Pages live in
//                    PAGES_CACHE (CACHE_PREFIX + 'pages'), which a new version keeps: the pages of markets
//                    the phone has opened stay for offline use. A page never opened, offline, is answered
//                    with a redirect to the app's hash route for that place (/#/pasar/<market> ...).
//   navigations      the cached index.html (the shell that matches the cached pasar.js/pasar.wasm),
//                    the network only when nothing is cached.
//   everything else  inside the scope: cache first (the shell is immutable within a version), then the
//                    network; outside the scope: not touched.
// The catalogue list comes from data/index.json's markets[].file at install time, so a new market
// needs no change here.
'use strict';

const VERSION = 'dev';
const CACHE_PREFIX = '@APP_CACHE_PREFIX@';
const ROOT = '@APP_ROOT@';
const OTHER_APPS = @APP_OTHER_PATHS@;
const CACHE_NAME = CACHE_PREFIX + VERSION;
const PAGES_CACHE = CACHE_PREFIX + 'pages';
const NETWORK_TIMEOUT_MS = 4000;
const SHELL = [
  'index.html', 'pasar.js', 'pasar.wasm', 'boot.js', 'pasar_store.js', 'pasar_mirror.js', 'pasar_shell.js', 'pwa.js', 'pasar.css', 'manifest.webmanifest',
  'halaman.js', 'halaman.css',
  'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-192.png',
  'icons/icon-maskable-512.png', 'icons/apple-touch-icon.png',
];
const CATALOG_INDEX = ROOT + 'data/index.json';

function scopeUrl(path) { return new URL(path, self.registration.scope).href; }

// The path below `base` ('data/index.json' below the site root), or null when the URL is outside it.
function pathBelow(url, base) {
  const b = new URL(base, self.registration.scope);
  if (url.origin !== b.origin || !url.pathname.startsWith(b.pathname)) return null;
  return url.pathname.slice(b.pathname.length);
}

// The path below the scope, or null when the URL is outside it or inside another app's folder.
function relativePath(url) {
  const rel = pathBelow(url, './');
  if (rel === null || OTHER_APPS.some((folder) => rel.startsWith(folder))) return null;
  return rel;
}

function isApi(url) {
  const rel = pathBelow(url, ROOT || './');
  return url.pathname.startsWith('/api/') || (rel !== null && rel.startsWith('api/'));
}

// True for the shared catalogue: ROOT + data/...
function isCatalog(url) {
  const rel = pathBelow(url, ROOT || './');
  return rel !== null && rel.startsWith('data/');
}

// no-cache: revalidate with the server (ETag -> 304), so files the page has just downloaded are not
// downloaded a second time, yet nothing stale from the HTTP cache ends up in a new version.
async function fetchForCache(url) {
  const response = await fetch(new Request(url, { cache: 'no-cache', credentials: 'same-origin' }));
  if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
  return response;
}

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  const shell = await Promise.all(SHELL.map((path) => fetchForCache(scopeUrl(path))));
  const indexUrl = scopeUrl(CATALOG_INDEX);
  const indexResponse = await fetchForCache(indexUrl);
  const index = await indexResponse.clone().json();
  const markets = [];
  for (const market of Array.isArray(index.markets) ? index.markets : []) {
    if (typeof market.file !== 'string') continue;
    const url = new URL(market.file, indexUrl);
    if (isCatalog(url)) markets.push(url.href);  // never another origin
  }
  const marketResponses = await Promise.all(markets.map(fetchForCache));
  // Written only when everything arrived: a half-filled cache never becomes a version.
  await Promise.all(shell.map((response, i) => cache.put(scopeUrl(SHELL[i]), response)));
  await cache.put(indexUrl, indexResponse);
  await Promise.all(marketResponses.map((response, i) => cache.put(markets[i], response)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME && n !== PAGES_CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'SKIP_WAITING') self.skipWaiting();
  if (data.type === 'GET_VERSION' && event.ports && event.ports[0]) event.ports[0].postMessage({ type: 'VERSION', version: VERSION });
});

function offlineResponse() {
  return new Response('Sedang offline dan berkas ini belum tersimpan di HP. (Offline and not cached.)',
    { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (err) {
    return offlineResponse();
  }
}

async function navigate(request) {
  const cache = await caches.open(CACHE_NAME);
  const shell = await cache.match(scopeUrl('index.html'), { ignoreVary: true });
  if (shell) return shell;
  try {
    return await fetch(request);
  } catch (err) {
    return offlineResponse();
  }
}

// A static page's path ('pasar/x/', 'produk/x.s1.p2/') or null: pages exist only in the buyer's scope.
function pagePath(rel) {
  return rel !== null && /^(pasar|produk)\/([^/]+\/){0,2}(index\.html)?$/.test(rel) ? rel.replace(/index\.html$/, '') : null;
}

// The app's hash route for a page path, as src/app/route.cpp reads it.
function appRouteFor(page) {
  const parts = page.split('/').filter(Boolean);
  if (parts[0] === 'produk' && parts.length === 2) return '#/produk/' + parts[1];
  if (parts[0] === 'pasar' && parts.length === 2) return '#/pasar/' + parts[1];
  if (parts[0] === 'pasar' && parts.length === 3) return '#/pasar/' + parts[1] + '/lapak/' + parts[2];
  return '#/';
}

function staleWhileRevalidate(event, page) {
  const request = event.request;
  const refresh = (async () => {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  })();
  event.waitUntil(refresh.catch(() => {}));
  return (async () => {
    const cache = await caches.open(PAGES_CACHE);
    const cached = await cache.match(request, { ignoreVary: true, ignoreSearch: true });
    if (cached) return cached;
    try {
      return await refresh;
    } catch (err) {
      return request.mode === 'navigate' ? Response.redirect(scopeUrl(appRouteFor(page)), 302) : offlineResponse();
    }
  })();
}

function networkFirst(event) {
  const request = event.request;
  const refresh = (async () => {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(CACHE_NAME);
      await cache.put(request, response.clone());
    }
    return response;
  })();
  event.waitUntil(refresh.catch(() => {}));  // keep the worker alive until the cache is refreshed
  return (async () => {
    const cache = await caches.open(CACHE_NAME);
    const cached = await cache.match(request, { ignoreVary: true });
    if (!cached) return refresh.catch(() => offlineResponse());
    let timer;
    const late = new Promise((resolve) => { timer = setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS); });
    const fresh = refresh.then((response) => (response.ok ? response : cached), () => cached);
    const winner = await Promise.race([fresh, late]);
    clearTimeout(timer);
    return winner;
  })();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (isApi(url)) return;
  if (isCatalog(url)) {
    event.respondWith(networkFirst(event));
    return;
  }
  const rel = relativePath(url);
  if (rel === null) return;
  const page = pagePath(rel);
  if (page !== null) {
    event.respondWith(staleWhileRevalidate(event, page));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
