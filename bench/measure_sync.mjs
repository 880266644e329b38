// Sync and IDBFS figures on a phone (persistent Chromium profile with the service worker, 360x740, DPR 2):
//   - time from "online" to every queued order acknowledged (the phone's outbox empty, as its mirror says),
//     for 1 and 50 orders queued offline; baseline: the same number of orders POSTed to /api/sync straight
//     from node in one request (serve.py's own share of that time);
//   - IDBFS save time (window.pasar.lastSaveMs: one FS.syncfs(false) of the app's files) when an order is
//     placed with 1 and with 100 orders in the outbox; baseline: one IndexedDB transaction putting the same
//     number of bytes (the floor under IDBFS).
// Queued orders beyond the one placed through the UI are copies of it with fresh ids, keys and secrets,
// written into the app's files (outbox.json, orders.json) while offline; the app then restarts offline from
// the service worker's cache and reads them like any others. Never fails on a time.
//
//   node bench/measure_sync.mjs          (prints the rows; bench/run.mjs --only idbfs runs it as a section)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchPhoneProfile, findItemById, waitItemName, tapId, queryDb } from '../tests/browser/lib.mjs';
import { failed, log, ms, row } from './lib/common.mjs';

const SECTION = 'idbfs';
const WAIT = { timeout: 180000 };
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BUYER = { name: 'Bench Pembeli', phone: '081234567890', address: 'Jl. Bench No. 1', landmark: 'depan masjid' };

const orderId = () => Array.from(crypto.randomBytes(12), (b) => CROCKFORD[b & 31]).join('');
const hex = () => crypto.randomBytes(16).toString('hex');

async function boot(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.pasar && window.pasar.booted && window.pasar.store &&
    window.pasar.store().state === 'ready', null, WAIT);
}

async function typeField(page, id, text) {
  const item = await findItemById(page, id);
  if (item.value === text) return;
  await tapId(page, id);
  await page.waitForFunction((i) => document.activeElement && document.activeElement.dataset.id === i, id);
  await page.keyboard.insertText(text);
  await page.waitForFunction(([i, t]) => window.pasar.items().some((it) => it.id === i && it.value === t), [id, text]);
  await page.evaluate(() => document.activeElement.blur());
}

// One pickup order through the UI (Pasar Tugu, 1 kg cabai rawit); resolves once it is saved on the phone.
async function placeOrder(page) {
  await page.evaluate(() => { location.hash = '#/produk/pasar-tugu.s3.p1'; });
  const step = await findItemById(page, 'step/1000');
  if (!step.selected) await tapId(page, 'step/1000');
  await tapId(page, 'product/add');
  await tapId(page, 'cartbar/open');
  const method = await findItemById(page, 'method/pickup');
  if (!method.selected) await tapId(page, 'method/pickup');
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'method/pickup' && it.selected));
  await tapId(page, 'cart/checkout');
  await typeField(page, 'checkout/name', BUYER.name);
  await typeField(page, 'checkout/phone', BUYER.phone);
  await tapId(page, 'checkout/place');
  await page.waitForFunction(() => /^#\/pesanan\/[0-9A-Z]{12}$/.test(location.hash), null, WAIT);
  await waitItemName(page, 'order/state', /^Tersimpan di HP/, WAIT.timeout);
  return page.evaluate(() => location.hash.slice('#/pesanan/'.length));
}

// Adds `count` copies of the newest pending place_order (fresh order id, key, secret) to the app's files,
// saves them and resolves with the new totals. The page must be offline; it is reloaded afterwards.
async function queueCopies(page, count) {
  const fresh = Array.from({ length: count }, () => ({ id: orderId(), key: hex(), secret: hex() }));
  return page.evaluate((copies) => {
    const fs = Module.pasarFs;
    const text = (p) => new TextDecoder().decode(fs.readFile(p));
    const outbox = JSON.parse(text('/pasar/outbox.json'));
    const orders = JSON.parse(text('/pasar/orders.json'));
    const template = outbox.pending.filter((m) => m.name === 'place_order').pop();
    const stored = orders.orders.find((o) => o.order.id === template.args.order_id);
    for (const c of copies) {
      const m = JSON.parse(JSON.stringify(template));
      m.id = outbox.next_id++;
      m.key = c.key;
      m.args.order_id = c.id;
      m.args.secret = c.secret;
      outbox.pending.push(m);
      const o = JSON.parse(JSON.stringify(stored));
      o.order.id = c.id;
      o.order.idempotency_key = c.key;
      o.order.secret = c.secret;
      orders.orders.unshift(o);
    }
    const enc = new TextEncoder();
    const gen = window.pasar.store().writtenGen;
    window.pasarShell.storeWrite('outbox.json', enc.encode(JSON.stringify(outbox)));
    window.pasarShell.storeWrite('orders.json', enc.encode(JSON.stringify(orders)));
    window.pasarShell.storeWritten(gen, true);
    return { pending: outbox.pending.length, orders: orders.orders.length };
  }, fresh);
}

function waitSaved(page) {
  return page.waitForFunction(() => {
    const s = window.pasar.store();
    return s.state === 'ready' && !s.dirty && !s.inFlight;
  }, null, WAIT);
}

async function pendingShown(page, n) {
  await page.evaluate(() => { location.hash = '#/pesanan'; });
  const re = n === 0 ? /^Semua perubahan sudah terkirim$/ : new RegExp(`^${n} perubahan menunggu dikirim$`);
  await waitItemName(page, 'sync/pending', re, WAIT.timeout);
}

// Restarts the app offline (from the service worker) with `n` orders pending, then times "online" ->
// every order acknowledged (the mirror says nothing waits), and checks serve.py holds them.
async function timeOnline(context, page, url, n, server, before) {
  await boot(page, url);
  await pendingShown(page, n);
  const t0 = Date.now();
  await context.setOffline(false);
  await pendingShown(page, 0);
  const elapsed = Date.now() - t0;
  const total = queryDb(server.dataDir, 'SELECT COUNT(*) AS n FROM orders')[0].n;
  if (total !== before + n) throw new Error(`serve.py holds ${total - before} of ${n} orders`);
  return elapsed;
}

// Baseline: the same number of place_order mutations (copies of a real one) POSTed straight to serve.py.
async function timeDirectPost(server, template, n) {
  const mutations = Array.from({ length: n }, (_, i) => {
    const m = JSON.parse(JSON.stringify(template));
    m.id = i + 1;
    m.key = hex();
    m.args.order_id = orderId();
    m.args.secret = hex();
    return m;
  });
  const body = JSON.stringify({ push_version: 1, client_id: `bench-direct-${hex().slice(0, 12)}`, cookie: null, mutations });
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/sync`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const reply = await res.json();
  const elapsed = performance.now() - t0;
  if (res.status !== 200 || reply.results.some((r) => r.status !== 'ok')) throw new Error(`direct POST: ${res.status} ${JSON.stringify(reply).slice(0, 300)}`);
  return elapsed;
}

// Baseline: one IndexedDB readwrite transaction putting `bytes` bytes (as one value), in a separate database.
function timeRawIdb(page, bytes) {
  return page.evaluate((size) => new Promise((resolve, reject) => {
    const open = indexedDB.open('bench-raw-idb', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = 32 + (i % 90);
      const t0 = performance.now();
      const tx = db.transaction(['files'], 'readwrite');
      tx.objectStore('files').put({ contents: data, timestamp: new Date() }, 'outbox.json');
      tx.oncomplete = () => { db.close(); resolve(performance.now() - t0); };
      tx.onabort = () => reject(tx.error);
    };
  }), bytes);
}

function fileBytes(page) {
  return page.evaluate(() => ['outbox.json', 'orders.json', 'prefs.json']
    .reduce((sum, n) => { try { return sum + Module.pasarFs.fileSize('/pasar/' + n); } catch (e) { return sum; } }, 0));
}

export async function measureSync() {
  const rows = [];
  const syncFigure = 'online to every queued order acknowledged: 1 / 50 orders';
  const saveFigure = 'IDBFS save when placing an order with 1 / 100 orders in the outbox';
  let server = null, context = null;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-sync-'));
  try {
    server = await startServer();
    context = await launchPhoneProfile(profile);
    const page = context.pages()[0] || await context.newPage();
    log('sync: first visit online (service worker installs)');
    await boot(page, server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);

    await context.setOffline(true);
    await placeOrder(page);
    await waitSaved(page);
    const save1 = await page.evaluate(() => window.pasar.lastSaveMs);
    const bytes1 = await fileBytes(page);
    const template = await page.evaluate(() => JSON.parse(new TextDecoder().decode(Module.pasarFs.readFile('/pasar/outbox.json')))
      .pending.find((m) => m.name === 'place_order'));
    log('sync: 1 order queued, going online');
    const online1 = await timeOnline(context, page, server.url, 1, server, 0);

    await context.setOffline(true);
    await page.waitForFunction(() => navigator.onLine === false);
    await placeOrder(page);
    await queueCopies(page, 49);
    await waitSaved(page);
    log('sync: 50 orders queued, going online');
    const online50 = await timeOnline(context, page, server.url, 50, server, 1);

    await context.setOffline(true);
    await page.waitForFunction(() => navigator.onLine === false);
    await placeOrder(page);
    await queueCopies(page, 98);
    await waitSaved(page);
    await boot(page, server.url);
    await pendingShown(page, 99);
    log('sync: placing the 100th order');
    const saves = await page.evaluate(() => window.pasar.saves);
    await placeOrder(page);
    await waitSaved(page);
    const save100 = await page.evaluate((n) => (window.pasar.saves > n ? window.pasar.lastSaveMs : NaN), saves);
    const bytes100 = await fileBytes(page);
    const raw1 = await timeRawIdb(page, bytes1);
    const raw100 = await timeRawIdb(page, bytes100);

    const direct1 = await timeDirectPost(server, template, 1);
    const direct50 = await timeDirectPost(server, template, 50);
    rows.push(row(SECTION, syncFigure, {
      value: `${ms(online1)} / ${ms(online50)}`, target: '(none set)',
      baseline: `the same orders POSTed straight from node: ${ms(direct1)} / ${ms(direct50)}`,
      note: 'from context.setOffline(false) until the mirror says "Semua perubahan sudah terkirim"; serve.py row counts checked',
    }));
    rows.push(row(SECTION, saveFigure, {
      value: `${ms(save1)} / ${ms(save100)} (files ${(bytes1 / 1024).toFixed(1)} / ${(bytes100 / 1024).toFixed(1)} KB)`,
      target: '(none set)',
      baseline: `one raw IndexedDB put of the same bytes: ${ms(raw1)} / ${ms(raw100)}`,
      note: 'window.pasar.lastSaveMs: one FS.syncfs(false) of outbox.json + orders.json + prefs.json',
    }));
  } catch (e) {
    rows.push(failed(SECTION, `${syncFigure}; ${saveFigure}`, '', e));
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) await server.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureSync();
  for (const r of rows) console.log(`${r.figure}: ${r.value}${r.baseline ? `; baseline ${r.baseline}` : ''}${r.reason ? ` (${r.reason})` : ''}`);
  if (rows.some((r) => r.status === 'failed')) process.exit(1);
}
