// The static pages with real paths (server/pages.py, README "Pages"), on a phone (headless Chromium,
// 360x740, DPR 2, touch):
//   1. WebGL off: a market's page shows its stalls, a WhatsApp link and why the full app cannot run;
//   2. JavaScript off: the same, and a product page with today's price;
//   3. a shared stall link opens the app at that stall, online, and offline from the worker's cache
//      (a page opened before, and one never opened: the worker redirects to the app's hash route).
// Screenshots in build/artifacts: pages-01 (market, no WebGL), pages-02 (product, no JS), and two preview
// cards copied from the build (pages-card-market.png, pages-card-stall.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchPhone, watchErrors, screenshot, ARTIFACTS, WEB_DIR, CHROMIUM_ARGS } from './lib.mjs';

const MARKET = 'pasar-tugu';
const STALL = 'pasar-tugu.s5';          // Los Daging Blok A No. 20: has a WhatsApp number
const STALL_NO_WA = 'pasar-tugu.s3';    // Lapak Bumbu 18: none, and the cooperative has not added one
const OTHER_STALL = 'pasar-tugu.s9';    // never opened before going offline
const PRODUCT = 'pasar-tugu.s5.p1';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stop(); });

async function readMarketPage(page) {
  await page.goto(`${server.url}/pasar/${MARKET}/`);
  await page.getByRole('heading', { name: 'Pasar Tugu', level: 1 }).waitFor();
  const stalls = await page.locator('ul.list > li > a').allTextContents();
  const wa = await page.locator('a.wa').first().getAttribute('href');
  return { stalls, wa, url: page.url() };
}

test('without WebGL a market page shows its stalls, a WhatsApp link, and says why the app cannot run', async () => {
  const phone = await launchPhone({ args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'] });
  try {
    const page = phone.context.pages()[0] || await phone.context.newPage();
    const errors = watchErrors(page);
    const seen = await readMarketPage(page);
    assert.equal(seen.url, `${server.url}/pasar/${MARKET}/`, 'the page stays: no app without WebGL');
    assert.ok(seen.stalls.includes('Los Daging Blok A No. 20') && seen.stalls.includes('Lapak Bumbu 18'), seen.stalls.join(', '));
    assert.match(seen.wa, /^https:\/\/wa\.me\/6281200000017\?text=/);
    await page.locator('#no-webgl').waitFor({ state: 'visible' });
    assert.match(await page.locator('#no-webgl').textContent(), /WebGL/);
    assert.equal(await page.locator('#open-app').isVisible(), false, 'no link into an app that cannot run');
    assert.match(await page.locator('li', { hasText: 'Lapak Bumbu 18' }).textContent(), /belum bisa dihubungi/);
    await screenshot(page, 'pages-01-market-no-webgl');
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});

test('without JavaScript a market page and a product page are readable, with WhatsApp and today\u2019s price', async () => {
  const phone = await launchPhone({ javaScriptEnabled: false });
  try {
    const page = phone.context.pages()[0] || await phone.context.newPage();
    const seen = await readMarketPage(page);
    assert.equal(seen.url, `${server.url}/pasar/${MARKET}/`);
    assert.ok(seen.stalls.length >= 10, seen.stalls.join(', '));
    assert.match(seen.wa, /^https:\/\/wa\.me\//);
    assert.match(await page.locator('main').textContent(), /JavaScript di browser ini mati/);
    assert.equal(await page.locator('#open-app').isVisible(), false, 'no link into an app that cannot run');
    const market = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'catalog', 'markets', `${MARKET}.json`), 'utf8'));
    const product = market.stalls.find((s) => s.id === STALL).products.find((p) => p.id === PRODUCT);
    await page.goto(`${server.url}/produk/${PRODUCT}/`);
    await page.getByRole('heading', { name: product.name, level: 1 }).waitFor();
    const price = `Rp ${product.price_rp.toLocaleString('de-DE')}`;   // 12.000: dots, as in Indonesia
    assert.ok((await page.locator('.big.price').textContent()).startsWith(price));
    assert.match(await page.locator('a.wa').getAttribute('href'), /^https:\/\/wa\.me\/6281200000017/);
    await screenshot(page, 'pages-02-product-no-js');
    // The app's own page at / points a phone without JavaScript to the markets list.
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Lihat pasar, lapak dan harga hari ini' }).click();
    await page.getByRole('heading', { name: 'Pasar dan koperasi di Lampung', level: 1 }).waitFor();
    assert.equal(page.url(), `${server.url}/pasar/`);
  } finally {
    await phone.close();
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.copyFileSync(path.join(WEB_DIR, 'pasar', MARKET, 'kartu.png'), path.join(ARTIFACTS, 'pages-card-market.png'));
  fs.copyFileSync(path.join(WEB_DIR, 'pasar', MARKET, STALL_NO_WA, 'kartu.png'), path.join(ARTIFACTS, 'pages-card-stall.png'));
});

async function appAt(page, hash) {
  await page.waitForFunction((h) => location.hash === h && window.pasar && window.pasar.booted && window.pasar.frames > 0,
    hash, { timeout: 90000 });
}

test('a shared stall link opens the app at that stall, online and offline', async () => {
  const phone = await launchPhone();
  try {
    const page = phone.context.pages()[0] || await phone.context.newPage();
    await page.goto(`${server.url}/pasar/${MARKET}/${STALL}/`);
    await appAt(page, `#/pasar/${MARKET}/lapak/${STALL}`);
    assert.equal(new URL(page.url()).pathname, '/');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90000 });
    // Once more online, so the worker has answered the page itself and kept it.
    await page.goto(`${server.url}/pasar/${MARKET}/${STALL}/`);
    await appAt(page, `#/pasar/${MARKET}/lapak/${STALL}`);
    await phone.context.setOffline(true);
    await page.goto(`${server.url}/pasar/${MARKET}/${STALL}/`);
    await appAt(page, `#/pasar/${MARKET}/lapak/${STALL}`);
    await page.goto(`${server.url}/pasar/${MARKET}/${OTHER_STALL}/`);
    await appAt(page, `#/pasar/${MARKET}/lapak/${OTHER_STALL}`);
    await screenshot(page, 'pages-03-offline-shared-link');
    const kept = await page.evaluate(async () => (await (await caches.open('pasar-pages')).keys()).map((r) => new URL(r.url).pathname));
    assert.ok(kept.includes(`/pasar/${MARKET}/${STALL}/`), kept.join(', '));
  } finally {
    await phone.context.setOffline(false).catch(() => {});
    await phone.close();
  }
});
