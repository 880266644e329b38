// Two apps on one origin, as the stall's entry will make them: the real assembly step
// (tools/assemble_web.cmake) is run on the build's app list plus a stall entry at /lapak/ (its wasm is the
// buyer's, which is all this needs: the shell, the names and the workers are what is tested), into a
// temporary folder that serve.py serves. On one phone profile, the buyer at / and the stall app at /lapak/
// run side by side: each is installable under its own id, is controlled by its own worker, holds its own
// database, Web Lock and cache, caches the shared catalogue itself, and starts offline on its own.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchPhone, findItem, ROOT, describingTest } from './lib.mjs';

const test = describingTest(nodeTest, () => (phone ? phone.context.pages() : []));
const EM_DIR = process.env.PASAR_EM_BUILD_DIR || path.join(ROOT, 'build', 'em');

let tmp, server, phone, buyer, stall;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-apps-'));
  const appDir = path.join(tmp, 'app');
  fs.mkdirSync(appDir);
  fs.symlinkSync(path.join(EM_DIR, 'app', 'buyer'), path.join(appDir, 'buyer'));
  fs.symlinkSync(path.join(EM_DIR, 'app', 'buyer'), path.join(appDir, 'stall'));
  const config = path.join(tmp, 'apps_config.cmake');
  fs.writeFileSync(config, [
    `include("${path.join(EM_DIR, 'apps_config.cmake')}")`,
    'list(APPEND PASAR_APPS stall)',
    'set(PASAR_APP_stall_TITLE "Lapak Daring")',
    'set(PASAR_APP_stall_DESCRIPTION "Lapak Daring: harga dan pesanan lapak.")',
    'set(PASAR_APP_stall_BOOT_TEXT "Memuat lapak…")', ''].join('\n'));
  execFileSync('cmake', [`-DSRC=${ROOT}`, `-DAPP=${appDir}`, `-DOUT=${path.join(tmp, 'web')}`, `-DCONFIG=${config}`,
    '-P', path.join(ROOT, 'tools', 'assemble_web.cmake')], { stdio: 'inherit' });
  server = await startServer(['--web-dir', path.join(tmp, 'web')]);  // the last --web-dir wins
  phone = await launchPhone();
  buyer = phone.context.pages()[0] || await phone.context.newPage();
  stall = await phone.context.newPage();
});

after(async () => {
  if (phone) await phone.close();
  if (server) await server.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function served(rel) { return fs.readFileSync(path.join(tmp, 'web', rel), 'utf8'); }

test('the assembly gives the stall app its own folder, names and worker, and the buyer\'s worker leaves it alone', () => {
  assert.match(served('lapak/index.html'), /<html lang="id" data-root="\.\.\/" data-db="\/lapak" data-lock="lapak-store">/);
  assert.match(served('lapak/index.html'), /<title>Lapak Daring<\/title>/);
  assert.match(served('lapak/index.html'), /href="\.\.\/data\/index\.json"/, 'the catalogue is preloaded from the site root');
  assert.match(served('lapak/sw.js'), /^const CACHE_PREFIX = 'lapak-';\nconst ROOT = '\.\.\/';\nconst OTHER_APPS = \[\];$/m);
  assert.match(served('sw.js'), /^const OTHER_APPS = \[.*'lapak\/'.*\];$/m);
  assert.notEqual(served('lapak/sw.js').match(/^const VERSION = '(.*)';$/m)[1], served('sw.js').match(/^const VERSION = '(.*)';$/m)[1],
    'each app has its own version');
  assert.equal(JSON.parse(served('lapak/manifest.webmanifest')).name, 'Lapak Daring');
  assert.ok(fs.existsSync(path.join(tmp, 'web', 'lapak', 'pasar.wasm.br')), 'compressed like the buyer\'s');
});

// What a page holds: its worker, its store, its lock, what it saw of "another tab".
function state(page) {
  return page.evaluate(async () => ({
    path: location.pathname,
    scope: (await navigator.serviceWorker.getRegistration(location.href)).scope.replace(location.origin, ''),
    worker: navigator.serviceWorker.controller.scriptURL.replace(location.origin, ''),
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    locks: (await navigator.locks.query()).held.map((l) => l.name).sort(),
    caches: (await caches.keys()).map((n) => n.replace(/-[0-9a-f]{12}$/, '-<version>')).sort(),
    otherTab: window.pasar.events.filter((e) => e.kind === 'OtherTab').map((e) => e.number),
  }));
}

test('both apps run side by side, each under its own worker, database, lock and cache', async () => {
  await buyer.goto(`${server.url}/`);
  await findItem(buyer, 'link', 'Pasar Tugu');
  await buyer.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90000 });
  await stall.goto(`${server.url}/lapak/`);
  await findItem(stall, 'link', 'Pasar Tugu');
  // Until /lapak/sw.js is active the buyer's worker is asked (and answers nothing there); then the most
  // specific scope takes the page.
  await stall.waitForFunction(() => navigator.serviceWorker.controller &&
    navigator.serviceWorker.controller.scriptURL.endsWith('/lapak/sw.js'), null, { timeout: 90000 });
  const b = await state(buyer);
  const s = await state(stall);
  assert.deepEqual([b.path, b.scope, b.worker], ['/', '/', '/sw.js']);
  assert.deepEqual([s.path, s.scope, s.worker], ['/lapak/', '/lapak/', '/lapak/sw.js']);
  assert.deepEqual(s.databases, ['/lapak', '/pasar']);
  assert.deepEqual(s.locks, ['lapak-store', 'pasar-store'], 'each app holds its own store lock');
  assert.deepEqual([b.otherTab, s.otherTab], [[0], [0]], 'neither app sees the other as "another tab"');
  assert.deepEqual(s.caches, ['lapak-<version>', 'pasar-<version>']);
  const stallCatalog = await stall.evaluate(async () => {
    const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('lapak-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/data/')).length;
  });
  assert.equal(stallCatalog, 15, 'the stall app keeps its own copy of the shared catalogue (index + 14 markets)');
});

test('each app is installable under its own id', async () => {
  const ids = [];
  for (const page of [buyer, stall]) {
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], `${page.url()} is installable`);
    const { appId } = await cdp.send('Page.getAppId');
    ids.push(appId.replace(new URL(server.url).origin, ''));
    await cdp.detach();
  }
  assert.deepEqual(ids, ['/', '/lapak/']);
});

test('with the network gone each app starts from its own cache', async () => {
  await phone.context.setOffline(true);
  try {
    for (const page of [stall, buyer]) {
      await page.reload();
      await page.waitForFunction(() => window.pasar && window.pasar.booted && window.pasar.frames > 0, null, { timeout: 60000 });
      await findItem(page, 'link', 'Pasar Tugu');
    }
    assert.equal(await stall.evaluate(() => location.pathname), '/lapak/');
  } finally {
    await phone.context.setOffline(false);
  }
});
