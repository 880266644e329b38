// Foundation journey on a phone (360x740, DPR 2, touch) in headless Debian Chromium against serve.py:
// the market list draws, every market is reachable through the semantics mirror, a tap opens a market,
// back returns, typing through the soft-keyboard path reaches the field, and an idle page draws nothing.
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchPhone, openApp, watchErrors, tap, findItem, settle, screenshot, swipe, startSession, describingTest,
} from './lib.mjs';

// A failing test prints where the phone was (lib.mjs, describePage).
const test = describingTest(nodeTest, () => (phone ? phone.context.pages() : []));

const MARKETS = ['Pasar Pasir Gintung', 'Pasar Kota Karang Sejahtera', 'Pasar Cimeng', 'Pasar Tamin', 'Pasar Bawah',
  'Pasar Tugu', 'Pasar Way Halim', 'Pasar Koga', 'Pasar Panjang', 'Pasar Gudang Lelang', 'Pasar Way Kandis',
  'Koperasi Bahtera Samudera Jaya', 'KUD Mina Jaya', 'Koperasi Nelayan Rizki Eza Mandiri'];

let server, phone, page, errors;

let session;
before(async () => { session = await startSession(); ({ server, phone, page, errors } = session); });
after(async () => { if (session) await session.close(); });

// Share of screenshot pixels that differ from the page background, measured in the page on a PNG.
async function inkRatio() {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    let green = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - 246) + Math.abs(d[i + 1] - 244) + Math.abs(d[i + 2] - 238) > 40) ink++;
      if (Math.abs(d[i] - 22) + Math.abs(d[i + 1] - 112) + Math.abs(d[i + 2] - 66) < 30) green++;
    }
    const n = d.length / 4;
    return { ink: ink / n, green: green / n };
  }, png);
}

test('the market list loads with no console errors and draws real pixels', async () => {
  await openApp(page, server.url);
  await findItem(page, 'link', 'Pasar Pasir Gintung');
  await settle(page);
  // Not blank (all background) and not garbage (all ink): cards and text on paper, under a green top bar.
  const { ink, green } = await inkRatio();
  assert.ok(ink > 0.05 && ink < 0.8, `canvas does not look drawn: ${(ink * 100).toFixed(1)}% of pixels differ from the background`);
  assert.ok(green > 0.03, `the green top bar is missing: ${(green * 100).toFixed(1)}% green pixels`);
  const size = await page.evaluate(() => ({ w: canvas.width, h: canvas.height, dpr: devicePixelRatio }));
  assert.deepEqual(size, { w: 720, h: 1480, dpr: 2 }, 'canvas backing store = CSS size x devicePixelRatio');
  await screenshot(page, 'foundation-01-markets');
  assert.deepEqual(errors, []);
});

test('all 14 pilot markets are in the mirror, found by role and name', async () => {
  for (const name of MARKETS) {
    assert.equal(await page.getByRole('link', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('textbox', { name: 'Cari pasar' }).count(), 1);
});

test('touch targets are at least 44 CSS px tall', async () => {
  const items = await page.evaluate(() => window.pasar.items());
  const vh = 740;
  for (const it of items) {
    if (it.role === 'heading' || it.role === 'status' || it.off || it.y + it.h >= vh - 1 || it.y <= 0) continue;
    assert.ok(it.h >= 44, `${it.role} "${it.name}" is only ${it.h}px tall`);
  }
});

test('a tap opens a market, and the phone back key returns to the list', async () => {
  await tap(page, 'link', 'Pasar Tugu');
  await page.waitForFunction(() => location.hash === '#/pasar/pasar-tugu');
  await findItem(page, 'heading', 'Pasar Tugu');
  await settle(page);
  await screenshot(page, 'foundation-02-market');
  assert.equal(await page.title(), 'Pasar Tugu · Pasar Daring');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/' || location.hash === '');
  await findItem(page, 'link', 'Pasar Tugu');
  assert.equal(await page.getByRole('heading', { name: 'Pasar Tugu', exact: true }).count(), 0);
});

test('the in-app back button returns too, and a market far down the list opens after a swipe', async () => {
  await tap(page, 'link', 'Koperasi Nelayan Rizki Eza Mandiri');   // tap() swipes until it is on screen
  await findItem(page, 'heading', 'Koperasi Nelayan Rizki Eza Mandiri');
  await tap(page, 'button', 'Kembali');
  await findItem(page, 'link', 'Pasar Tugu');
  await page.waitForFunction(() => !location.hash.startsWith('#/pasar/'));
});

test('a drag scrolls the list and never opens the market under the finger', async () => {
  const toTop = async () => { for (let i = 0; i < 6; i++) { await swipe(page, 180, 200, 700); await settle(page, 150); } };
  await toTop();
  const top = await findItem(page, 'link', 'Pasar Pasir Gintung');
  await swipe(page, 180, 600, 300);
  await settle(page);
  assert.ok(!(await page.evaluate(() => location.hash)).startsWith('#/pasar/'), 'a drag opened a market');
  const moved = await findItem(page, 'link', 'Pasar Pasir Gintung');
  assert.ok(moved.y < top.y - 150, `the list did not follow the finger: ${top.y} -> ${moved.y}`);
  await toTop();
  const again = await findItem(page, 'link', 'Pasar Pasir Gintung');
  assert.equal(again.y, top.y);
});

test('tapping the search field focuses a real input; typed text and IME composition reach the field', async () => {
  await tap(page, 'textbox', 'Cari pasar');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.dataset.id);
  assert.equal(focused, 'markets/search', 'the tap must focus the mirror <input> (that opens the soft keyboard)');
  await page.keyboard.type('lelang');
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'markets/search' && it.value === 'lelang'));
  await settle(page);
  assert.equal(await page.getByRole('link', { name: 'Pasar Tugu', exact: true }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Pasar Gudang Lelang', exact: true }).count(), 1);
  await screenshot(page, 'foundation-03-search');

  // An IME composes "ikan" in steps, then commits it.
  await page.evaluate(() => { const el = document.activeElement; el.value = ''; el.dispatchEvent(new Event('input')); });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ik', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'ikan', selectionStart: 4, selectionEnd: 4 });
  await cdp.send('Input.insertText', { text: 'ikan' });
  await cdp.detach();
  await page.waitForFunction(() => window.pasar.items().some((it) => it.id === 'markets/search' && it.value === 'ikan'));
  await page.evaluate(() => { const el = document.activeElement; el.value = ''; el.dispatchEvent(new Event('input')); el.blur(); });
  await page.waitForFunction(() => window.pasar.items().filter((it) => it.role === 'link').length === 14);
});

test('an idle page draws no frames for 2 s', async () => {
  await settle(page);
  const start = await page.evaluate(() => window.pasar.frames);
  await page.waitForTimeout(2000);
  const end = await page.evaluate(() => window.pasar.frames);
  assert.equal(end - start, 0, `drew ${end - start} frames while idle`);
});

test('a deep link opens its market; back from there stays in the app on the list', async () => {
  await page.goto(server.url + '/#/pasar/kud-mina-jaya');
  await page.waitForFunction(() => window.pasar && window.pasar.booted);
  await findItem(page, 'heading', 'KUD Mina Jaya');
  await settle(page);
  await screenshot(page, 'foundation-04-deeplink');
  await tap(page, 'button', 'Kembali');
  await findItem(page, 'link', 'Pasar Tugu');
  assert.ok(page.url().startsWith(server.url), 'back must not leave the app');
  assert.deepEqual(errors, []);
});

test('a lost WebGL context is restored and the app draws again', async () => {
  await page.goto(server.url + '/#/');
  await findItem(page, 'link', 'Pasar Tugu');
  await settle(page);
  const restored = await page.evaluate(async () => {
    const gl = document.getElementById('canvas').getContext(window.WebGL2RenderingContext ? 'webgl2' : 'webgl');
    const ext = gl.getExtension('WEBGL_lose_context');
    if (!ext) return 'no WEBGL_lose_context';
    const within = (p, what) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error(what)), 10000))]);
    const lost = new Promise((r) => canvas.addEventListener('webglcontextlost', r, { once: true }));
    ext.loseContext();
    await within(lost, 'no webglcontextlost event');
    await new Promise((r) => setTimeout(r, 50));  // restoring is refused until the loss event has finished
    const back = new Promise((r) => canvas.addEventListener('webglcontextrestored', r, { once: true }));
    ext.restoreContext();
    await within(back, 'the context was never restored');
    return 'ok';
  });
  assert.equal(restored, 'ok');
  const before = await page.evaluate(() => window.pasar.frames);
  await tap(page, 'link', 'Pasar Tugu');   // input after the restore draws with rebuilt GL objects
  await findItem(page, 'heading', 'Pasar Tugu');
  await settle(page);
  assert.ok(await page.evaluate(() => window.pasar.frames) > before);
  assert.ok(await page.evaluate(() => window.pasar.lastDrawCalls) > 0, 'no draw calls after the restore');
  const { ink } = await inkRatio();
  assert.ok(ink > 0.05, 'the canvas is blank after the context came back');
  await page.goBack();
  assert.deepEqual(errors, []);
});

test('with WebGL2 unavailable the app falls back to WebGL1 and still draws', async () => {
  const webgl1 = await launchPhone({ args: [...(await import('./lib.mjs')).CHROMIUM_ARGS, '--disable-webgl2'] });
  try {
    const p = webgl1.context.pages()[0] || await webgl1.context.newPage();
    const errs = watchErrors(p);
    await openApp(p, server.url);
    assert.equal(await p.evaluate(() => !!document.createElement('canvas').getContext('webgl2')), false);
    await findItem(p, 'link', 'Pasar Tugu');
    await settle(p);
    assert.ok(await p.evaluate(() => window.pasar.lastDrawCalls) > 0);
    await screenshot(p, 'foundation-05-webgl1');
    assert.deepEqual(errs, []);
  } finally {
    await webgl1.close();
  }
});
