// A stall closes while a buyer looks at it (issue 13): the stall signs in and closes through serve.py's API;
// the buyer's page, with no reload, says "Lapak tutup" within a minute (the app pulls while the catalogue is
// on screen; this test shortens the interval to 2 s with window.PASAR_PULL_EVERY_MS), its products cannot
// be added, and the cart line of that stall is flagged before checkout.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_PIN, openApp, tap, tapId, findItem, findItemById, waitItemName, settle, screenshot, startSession,
  describingTest } from './lib.mjs';

const test = describingTest(nodeTest, () => (session ? session.phone.context.pages() : []));

const MARKET = 'pasar-tugu';
const CLOSING = 'pasar-tugu.s3';   // Lapak Bumbu 18: cabai rawit merah
const OPEN = 'pasar-tugu.s1';      // Los Sayur Blok A No. 24: kangkung

let session, page, server, errors;

before(async () => {
  session = await startSession({
    prepare: (context) => context.addInitScript(() => { window.PASAR_PULL_EVERY_MS = 2000; }),
  });
  ({ server, page, errors } = session);
});

after(async () => { if (session) await session.close(); });

async function api(path, body, token = '') {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(server.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = await res.json();
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(json)}`);
  return json;
}

async function setStallOpen(stallId, open) {
  const login = await api('/api/login', { stall_code: stallId, pin: SEED_PIN });
  const reply = await api('/api/sync', {
    push_version: 1, client_id: 'test-stall-closer', cookie: null,
    mutations: [{ id: 1, key: `k-test-close-${Date.now()}`, name: 'set_stall_open', args: { open }, created_at_ms: Date.now() }],
  }, login.token);
  assert.equal(reply.results[0].status, 'ok', JSON.stringify(reply.results[0]));
}

async function addProduct(productId) {
  await page.evaluate((id) => { location.hash = `#/produk/${id}`; }, productId);
  await findItemById(page, 'product/add');
  await tap(page, 'button', 'Tambah ke keranjang');
}

test('a stall closed through the API shows "Lapak tutup" without a reload; nothing of it can be added; its cart line is flagged', async () => {
  await openApp(page, `${server.url}/#/pasar/${MARKET}`);
  await findItem(page, 'heading', 'Pasar Tugu');
  await addProduct(`${CLOSING}.p1`);
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'cartbar/open' && /1 barang/.test(it.name)));
  await addProduct(`${OPEN}.p1`);
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'cartbar/open' && /2 barang/.test(it.name)));

  await page.evaluate((id) => { location.hash = `#/pasar/pasar-tugu/lapak/${id}`; window.pasarNoReload = true; }, CLOSING);
  await findItemById(page, 'stall/heading');
  assert.equal((await page.evaluate(() => window.pasar.items())).some((it) => it.id === 'stall/closed'), false);

  const closedAt = Date.now();
  await setStallOpen(CLOSING, false);
  await waitItemName(page, 'stall/closed', /^Lapak tutup$/, 60000);
  const seenMs = Date.now() - closedAt;
  assert.ok(seenMs < 60000, `seen after ${seenMs} ms`);
  assert.equal(await page.evaluate(() => window.pasarNoReload), true, 'the page was not reloaded');
  const rows = (await page.evaluate(() => window.pasar.items())).filter((it) => it.id.startsWith(`product/${'pasar-tugu.s3'}.`));
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row.name, /Lapak tutup$/);
  await settle(page);
  await screenshot(page, 'stall-closed-01-stall');

  // Its product page: the add button is there but disabled, and says why.
  await tap(page, 'link', rows[0].name);
  await findItemById(page, 'product/stall-closed');
  assert.equal((await findItemById(page, 'product/add')).disabled, true);
  await tapId(page, 'product/add');  // scrolled into view and tapped like a finger: nothing happens
  await settle(page);
  assert.match(await page.evaluate(() => location.hash), /^#\/produk\//, 'still on the product page');
  assert.ok((await page.evaluate(() => window.pasar.items())).some((it) => it.id === 'cartbar/open' && /2 barang/.test(it.name)),
    'the cart still holds two lines');
  await screenshot(page, 'stall-closed-02-product');

  // The cart flags the closed stall's line and does not continue to checkout until it is removed.
  await page.evaluate(() => { location.hash = '#/keranjang'; });
  const flag = await page.waitForFunction(() => window.pasar.items().find((it) => /^cartline\/\d+\/stall-closed$/.test(it.id)) || null,
    null, { timeout: 20000 });
  assert.match((await flag.jsonValue()).name, /Lapak tutup/);
  await findItemById(page, 'cart/cannot-continue');
  await settle(page);
  await screenshot(page, 'stall-closed-03-cart');
  const flagged = (await flag.jsonValue()).id.split('/')[1];
  await tap(page, 'button', (await findItemById(page, `cartline/${flagged}/remove`)).name);
  await page.waitForFunction(() => !window.pasar.items().some((it) => it.id === 'cart/cannot-continue' &&
    /tidak tersedia/.test(it.name)), null, { timeout: 20000 });
  assert.equal((await page.evaluate(() => window.pasar.items())).some((it) => /stall-closed$/.test(it.id)), false);
  assert.deepEqual(errors, []);
});
