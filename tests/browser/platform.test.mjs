// The platform layer's browser side (web/pasar_shell.js + src/platform) on a phone-sized headless Chromium:
// the store (IDBFS at /pasar under the Web Lock 'pasar-store'), the sync POST, online/offline, and two tabs.
// The app's own use of these (orders, outbox) is tested natively in tests/app; here the shell's entry points
// (window.pasarShell.storeWrite/storeWritten/syncPost/takeOver, the same ones the C++ effects call) are
// driven directly, and what reaches the app is read from window.pasar.events (the platform intents sent).
// Every wait is a wait-for on page state; there are no fixed sleeps.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchPhone, openApp, watchErrors, settle, startSession, describingTest } from './lib.mjs';

// A failing test prints where the phone was (lib.mjs, describePage).
const test = describingTest(nodeTest, () => (phone ? phone.context.pages() : []));

let server, phone, page, errors;

const WAIT = { timeout: 60000 };

// The platform intents of `kind` this page has sent so far.
function events(p, kind) {
  return p.evaluate((k) => window.pasar.events.filter((e) => e.kind === k), kind);
}

// Waits for a platform intent of `kind` sent after the first `since` events whose fields equal `match`.
async function waitEvent(p, kind, match = {}, since = 0) {
  const handle = await p.waitForFunction(([k, m, s]) => {
    const all = (window.pasar && window.pasar.events) || [];
    return all.slice(s).find((e) => e.kind === k && Object.keys(m).every((f) => e[f] === m[f])) || null;
  }, [kind, match, since], WAIT);
  return handle.jsonValue();
}

// Chromium logs every non-2xx or failed fetch as a console error; the sync tests make some on purpose.
function dropExpectedFetchErrors(list) {
  for (let i = list.length - 1; i >= 0; i--) if (/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(list[i])) list.splice(i, 1);
}

// Waits until the store has nothing unsaved, nothing in flight and no save due (the app saves on its own too).
function waitStoreIdle(p) {
  return p.waitForFunction(() => {
    const s = window.pasar.store && window.pasar.store();
    return s && s.state === 'ready' && !s.dirty && !s.inFlight && !s.due;
  }, null, WAIT);
}

// The app saves and syncs on its own after start: wait until it has stopped drawing and saving.
async function quiet(p) {
  await settle(p, 500, 30000);
  await waitStoreIdle(p);
}

function eventCount(p) { return p.evaluate(() => window.pasar.events.length); }

async function waitStore(p, state) {
  await p.waitForFunction((s) => window.pasar.store && window.pasar.store().state === s, state, WAIT);
}

// Writes one file through the same calls the C++ effects make; `generation` defaults to the one already
// written, so the app's own save generations are never claimed.
function writeFile(p, name, content, flushNow) {
  return p.evaluate(([n, c, f]) => {
    const gen = window.pasar.store().writtenGen;
    window.pasarShell.storeWrite(n, new TextEncoder().encode(c));
    window.pasarShell.storeWritten(gen, f);
    return gen;
  }, [name, content, flushNow]);
}

let session;
before(async () => { session = await startSession(); ({ server, phone, page, errors } = session); });
after(async () => { if (session) await session.close(); });

test('the first tab takes the store: StoreLoaded(0), OtherTab(0), online state', async () => {
  await openApp(page, server.url);
  await waitStore(page, 'ready');
  const loaded = await events(page, 'StoreLoaded');
  assert.deepEqual(loaded.map((e) => e.number), [0]);
  const other = await events(page, 'OtherTab');
  assert.deepEqual(other.map((e) => e.number), [0]);
  const online = await events(page, 'SetOnline');
  assert.equal(online[0].number, 1);
  assert.equal(await page.evaluate(() => window.pasar.store().holder), true);
});

test('a written file is saved (StoreSaved after one syncfs) and survives a reload', async () => {
  await quiet(page);
  const since = await eventCount(page);
  const savesBefore = await page.evaluate(() => window.pasar.saves);
  const content = JSON.stringify({ format_version: 1, note: 'tersimpan di HP', n: 42 });
  const gen = await writeFile(page, 'platform-test.json', content, true);
  const saved = await waitEvent(page, 'StoreSaved', { number: gen }, since);
  assert.equal(saved.text, '', `saved without error (${saved.id})`);
  const stats = await page.evaluate(() => ({ saves: window.pasar.saves, ms: window.pasar.lastSaveMs,
    store: window.pasar.store() }));
  assert.ok(stats.saves >= savesBefore + 1);
  assert.ok(stats.ms > 0 && stats.ms < 30000, `lastSaveMs ${stats.ms}`);
  assert.equal(stats.store.dirty, false);

  await page.reload();
  await page.waitForFunction(() => window.pasar && window.pasar.booted, null, WAIT);
  await waitStore(page, 'ready');
  const files = await events(page, 'StoreFile');
  const file = files.find((e) => e.id === 'platform-test.json');
  assert.ok(file, `StoreFile platform-test.json among ${files.map((e) => e.id)}`);
  assert.equal(file.text, `${Buffer.byteLength(content)} bytes`);
  assert.equal(await page.evaluate(() => new TextDecoder().decode(Module.pasarFs.readFile('/pasar/platform-test.json'))), content);
  const order = (await page.evaluate(() => window.pasar.events.map((e) => e.kind)))
    .filter((k) => k === 'StoreFile' || k === 'StoreLoaded' || k === 'OtherTab');
  assert.deepEqual(order.slice(-2), ['StoreLoaded', 'OtherTab'], 'files first, then StoreLoaded, then OtherTab');
});

test('writes without flush_now are debounced into one syncfs', async () => {
  await quiet(page);
  const since = await eventCount(page);
  const savesBefore = await page.evaluate(() => window.pasar.saves);
  const rightAfter = await page.evaluate(() => {   // five writes in one task, as batch after batch would
    const gen = window.pasar.store().writtenGen;
    for (let i = 0; i < 5; i++) {
      window.pasarShell.storeWrite('platform-debounce.json', new TextEncoder().encode(`{"i":${i}}`));
      window.pasarShell.storeWritten(gen, false);
    }
    return window.pasar.store();
  });
  assert.equal(rightAfter.inFlight, false, 'no syncfs started by a plain write');
  assert.equal(rightAfter.due, true, 'one debounced syncfs is due');
  await waitEvent(page, 'StoreSaved', { text: '' }, since);
  await waitStoreIdle(page);
  const saves = await page.evaluate(() => window.pasar.saves);
  assert.ok(saves - savesBefore >= 1 && saves - savesBefore <= 2, `${saves - savesBefore} syncs (the app may save too)`);
  // Overwriting a file many times must not keep old copies alive in FS's name hash (3.1.6 rename bug).
  const chain = await page.evaluate(() => Module.pasarFs.nodesNamed('/pasar', 'platform-debounce.json'));
  assert.equal(chain, 1, 'one node for the file after 5 renames over it');
});

test('the sync POST reaches serve.py and its reply comes back as SyncReplied', async () => {
  const since = await eventCount(page);
  const body = JSON.stringify({ push_version: 1, client_id: 'platformtest01', cookie: null, mutations: [] });
  const posted = page.waitForRequest((r) => r.url().endsWith('/api/sync') && r.method() === 'POST', WAIT);
  await page.evaluate((b) => window.pasarShell.syncPost(b), body);
  const request = await posted;
  assert.equal(request.headers()['content-type'], 'application/json');
  assert.equal(request.postData(), body);
  const reply = await waitEvent(page, 'SyncReplied', {}, since);
  assert.equal(reply.number, 200, reply.text);
  assert.ok(JSON.parse(reply.text), 'the reply body is the server JSON');
  assert.equal(reply.id, '', 'no Retry-After');

  const since2 = await eventCount(page);
  await page.evaluate(() => window.pasarShell.syncPost('{}'));
  const refused = await waitEvent(page, 'SyncReplied', {}, since2);
  assert.equal(refused.number, 400);
  assert.match(refused.text, /"error"/);
  dropExpectedFetchErrors(errors);
});

test('offline and online events reach the app', async () => {
  const since = await eventCount(page);
  await phone.context.setOffline(true);
  await waitEvent(page, 'SetOnline', { number: 0 }, since);
  const since2 = await eventCount(page);
  await page.evaluate(() => window.pasarShell.syncPost('{}'));
  const failed = await waitEvent(page, 'SyncReplied', {}, since2);
  assert.equal(failed.number, 0, 'no reply offline');
  await phone.context.setOffline(false);
  await waitEvent(page, 'SetOnline', { number: 1 }, since);
  dropExpectedFetchErrors(errors);
});

test('a full disk is reported as StoreSaved "quota", a failed commit as "io", and a later flush saves', async () => {
  try {
    await fullDiskThenRecovery();
  } finally {
    // Whatever failed above, the next test must meet a working IndexedDB.
    await page.evaluate(() => { if (window.__restoreIdb) window.__restoreIdb(); });
  }
});

async function fullDiskThenRecovery() {
  await waitStoreIdle(page);
  // Chromium here ignores CDP's Storage.overrideQuotaForOrigin, so the refusals are made in the page:
  // first IndexedDB's put refuses with QuotaExceededError, then a transaction aborts at commit (the case
  // Emscripten's own IDBFS never called back for).
  await page.evaluate(() => {
    const realPut = IDBObjectStore.prototype.put;
    window.__restoreIdb = () => { IDBObjectStore.prototype.put = realPut; };
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const savedBefore = await page.evaluate(() => window.pasar.store().savedGen);
  let since = await eventCount(page);
  await writeFile(page, 'platform-big.json', '{"big":true}', true);
  const full = await waitEvent(page, 'StoreSaved', { text: 'quota' }, since);
  assert.equal(full.number, savedBefore, 'reports only the generation already durable');
  assert.match(full.id, /quota/i);
  // (Whether the store still reads "dirty" at this instant depends on the app's own saves racing this one;
  // the retry itself is what the next two steps check.)

  since = await eventCount(page);
  await page.evaluate(() => {
    window.__restoreIdb();
    const realTransaction = IDBDatabase.prototype.transaction;
    window.__restoreIdb = () => { IDBDatabase.prototype.transaction = realTransaction; };
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = realTransaction.apply(this, args);
      if (args[1] === 'readwrite') queueMicrotask(() => tx.abort());   // after the puts were queued
      return tx;
    };
    window.pasarShell.storeFlush();
  });
  const aborted = await waitEvent(page, 'StoreSaved', { text: 'io' }, since);
  assert.equal(aborted.number, savedBefore);

  since = await eventCount(page);
  await page.evaluate(() => { window.__restoreIdb(); window.pasarShell.storeFlush(); });   // as on page hide
  const ok = await waitEvent(page, 'StoreSaved', { text: '' }, since);
  assert.ok(ok.number >= savedBefore);
  await waitStoreIdle(page);
}

test('a second tab reports OtherTab(1) and never mounts; take-over moves the store and reloads the first', async () => {
  const second = await phone.context.newPage();
  const errors2 = watchErrors(second);
  await openApp(second, server.url);
  await waitEvent(second, 'OtherTab', { number: 1 });
  await waitStore(second, 'other');
  assert.deepEqual(await events(second, 'StoreLoaded'), [], 'the other tab loads nothing');
  assert.equal(await second.evaluate(() => Module.pasarFs.exists('/pasar')), false, 'and mounts nothing');

  // An unsaved write in the holder (debounced, not flushed) must reach IndexedDB before it lets go.
  const content = '{"written":"just before the take-over"}';
  await writeFile(page, 'platform-late.json', content, false);
  const reloaded = page.waitForEvent('load', WAIT);
  await second.evaluate(() => window.pasarShell.takeOver());
  await reloaded;
  await waitEvent(second, 'StoreLoaded', { number: 0 });
  await waitEvent(second, 'OtherTab', { number: 0 });
  await waitStore(second, 'ready');
  const files = await events(second, 'StoreFile');
  assert.ok(files.find((e) => e.id === 'platform-late.json'), 'the late write came along');
  assert.equal(await second.evaluate(() => new TextDecoder().decode(Module.pasarFs.readFile('/pasar/platform-late.json'))), content);
  assert.ok(files.find((e) => e.id === 'platform-test.json'), 'and the earlier file');

  // The first tab came back as the other tab.
  await page.waitForFunction(() => window.pasar && window.pasar.booted, null, WAIT);
  await waitEvent(page, 'OtherTab', { number: 1 });
  await waitStore(page, 'other');
  await settle(second);
  assert.deepEqual(errors2, []);
  await second.close();
});

test('an idle page draws no frames', async () => {
  await settle(page, 1500, 30000);
  const before = await page.evaluate(() => window.pasar.frames);
  await page.waitForTimeout(1000);  // measuring idleness needs a window of time
  assert.equal(await page.evaluate(() => window.pasar.frames), before);
  assert.deepEqual(errors, []);
});
