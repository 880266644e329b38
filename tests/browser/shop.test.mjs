// The buyer's shopping path on a phone, as far as it is built: open a market, search "cabe", add 1/4 kg of
// cabai rawit with a note, add kangkung from another stall of the same market, open the cart, pick a
// delivery area and the cooperative courier, and see the total; back and a deep link land on the right page.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchPhone, openApp, watchErrors, tap, findItem, settle, screenshot, startSession, describingTest } from './lib.mjs';

// A failing test prints where the phone was (lib.mjs, describePage).
const test = describingTest(nodeTest, () => (phone ? phone.context.pages() : []));

let server, phone, page, errors;

let session;
before(async () => { session = await startSession(); ({ server, phone, page, errors } = session); });
after(async () => { if (session) await session.close(); });

const items = () => page.evaluate(() => window.pasar.items());

async function typeInto(name, text) {
  await tap(page, 'textbox', name);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.tagName), 'INPUT');
  await page.keyboard.type(text);
  await page.waitForFunction(([n, t]) => window.pasar.items().some((it) => it.name === n && it.value === t), [name, text]);
  await page.evaluate(() => document.activeElement.blur());
}

test('search "cabe" in Pasar Tugu and add 1/4 kg of cabai rawit with a note', async () => {
  await openApp(page, server.url);
  await tap(page, 'link', 'Pasar Tugu');
  await findItem(page, 'heading', 'Pasar Tugu');
  await typeInto('Cari di pasar ini', 'cabe');
  await settle(page);
  await screenshot(page, 'shop-01-search-cabe');
  const rawit = (await items()).find((it) => it.role === 'link' && it.name.startsWith('Cabai rawit'));
  assert.ok(rawit, 'searching "cabe" must find cabai rawit');
  await tap(page, 'link', rawit.name);
  await findItem(page, 'heading', rawit.name.split(',')[0]);
  const quarter = (await items()).find((it) => it.id === 'step/250');
  assert.ok(quarter, 'cabai rawit must offer a 1/4 kg step');
  await tap(page, 'button', quarter.name);
  await typeInto('Catatan untuk pedagang', 'yang merah saja');
  await settle(page);
  await screenshot(page, 'shop-02-product');
  await tap(page, 'button', 'Tambah ke keranjang');
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'cartbar/open'));
  const bar = (await items()).find((it) => it.id === 'cartbar/open');
  assert.match(bar.name, /1 barang/);
});

test('add kangkung from another stall of the same market', async () => {
  await page.goBack();   // product -> the market page, its search still filled in
  await findItem(page, 'heading', 'Pasar Tugu');
  await page.evaluate(() => {
    const el = document.querySelector('#mirror input[data-id="market/search"]');
    el.value = ''; el.dispatchEvent(new Event('input'));
  });
  await typeInto('Cari di pasar ini', 'kangkung');
  await settle(page);
  const hit = (await items()).find((it) => it.role === 'link' && it.name.startsWith('Kangkung'));
  assert.ok(hit, 'Pasar Tugu sells kangkung');
  await tap(page, 'link', hit.name);
  await findItem(page, 'button', 'Tambah ke keranjang');
  await tap(page, 'button', 'Tambah ke keranjang');
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'cartbar/open' && /2 barang/.test(it.name)));
});

test('the cart groups lines by stall; cooperative courier to Kedaton shows the fee and total', async () => {
  const bar = (await items()).find((it) => it.id === 'cartbar/open');
  await tap(page, 'button', bar.name);
  await page.waitForFunction(() => location.hash === '#/keranjang');
  await findItem(page, 'button', 'Kedaton');
  const headings = (await items()).filter((it) => it.id.startsWith('cartline/') && it.id.endsWith('/remove'));
  assert.equal(headings.length, 2);
  await tap(page, 'button', 'Kedaton');
  const courier = await page.waitForFunction(() => window.pasar.items().find((it) => it.id === 'method/coop_courier'));
  const c = await courier.jsonValue();
  if (!c.selected) await tap(page, 'button', c.name);
  await settle(page);
  await screenshot(page, 'shop-03-cart');
  const total = (await items()).find((it) => it.id === 'cart/total');
  // Below the market's minimum order the courier is refused in words; above it a total appears.
  const method = (await items()).find((it) => it.id === 'method/coop_courier');
  if (total) assert.match(total.name, /^Total Rp\d/);
  else assert.match(method.name, /minimal|minimum/i);
  assert.deepEqual(errors, []);
});

test('a deep link to a product opens it, and back goes to its stall', async () => {
  const product = (await items()).find((it) => it.id.startsWith('cartline/'));
  assert.ok(product);
  const id = await page.evaluate(() => {
    const f = window.pasar.items().find((it) => it.id.startsWith('cartline/'));
    return f && f.id;
  });
  assert.ok(id);
  const link = server.url + '/#/pasar/pasar-tugu';
  await page.goto(link);
  await page.waitForFunction(() => window.pasar && window.pasar.booted);
  await findItem(page, 'heading', 'Pasar Tugu');
  const stall = (await items()).find((it) => it.id.startsWith('stall/'));
  const stallId = stall.id.slice('stall/'.length);
  await page.goto(server.url + `/#/produk/${stallId}.p1`);
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'product/heading'));
  await screenshot(page, 'shop-04-deeplink-product');
  await tap(page, 'button', 'Kembali');
  await page.waitForFunction((s) => location.hash === `#/pasar/pasar-tugu/lapak/${s}`, stallId);
  await findItem(page, 'heading', stall.name);
  assert.deepEqual(errors, []);
});
