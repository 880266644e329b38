// The semantics mirror on its own (web/pasar_mirror.js as built into build/web): a blank phone page with
// the shell's canvas and #mirror, the mirror created with a recording `call`, and item lists fed to it as
// the app sends them. No wasm: what the DOM holds after each list, and what reaches the app from a click,
// typing, focus and a tap on the canvas, is checked directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PHONE, WEB_DIR } from './lib.mjs';

let browser, context, page;

const PAGE = `<!doctype html><html><body style="margin:0">
<div id="stage" style="position:relative"><canvas id="canvas" width="360" height="600"
 style="width:360px;height:600px;display:block"></canvas><div id="mirror"></div></div></body></html>`;

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ ...PHONE });
  page = await context.newPage();
  await page.setContent(PAGE);
  const file = path.join(WEB_DIR, 'pasar_mirror.js');
  assert.ok(fs.existsSync(file), `${file} is built`);
  await page.addScriptTag({ path: file });
  await page.evaluate(() => {
    window.calls = [];
    window.stats = { mirrorUpdates: 0 };
    window.m = window.pasarCreateMirror({
      canvas: document.getElementById('canvas'), mirror: document.getElementById('mirror'), stats: window.stats,
      call: (name, types, args) => window.calls.push([name, ...args]),
    });
  });
});

after(async () => {
  if (browser) await browser.close();
});

// Feeds one item list as the app encodes it; answers what #mirror holds, in DOM order.
async function update(items) {
  return page.evaluate((list) => {
    window.m.update(JSON.stringify({ items: list }));
    return [...document.getElementById('mirror').children].map((el) => ({
      tag: el.tagName.toLowerCase(), id: el.dataset.id || null, role: el.getAttribute('role'),
      label: el.getAttribute('aria-label'), text: el.textContent, disabled: el.getAttribute('aria-disabled'),
      pressed: el.getAttribute('aria-pressed'), selected: el.getAttribute('aria-selected'),
      owns: el.getAttribute('aria-owns'), off: el.dataset.off || null, type: el.type || null,
      box: el.dataset.id ? [el.style.left, el.style.top, el.style.width, el.style.height].join(' ') : null,
    }));
  }, items);
}

const item = (id, role, name, extra = {}) => ({ id, role, name, x: 10, y: 20, w: 100, h: 40, ...extra });

test('each item becomes one element of its role, in drawing order, with its name, box and state', async () => {
  const dom = await update([
    item('title', 'heading', 'Pasar Tugu'),
    item('open', 'link', 'Lapak Bu Sri', { x: 0, y: 100, w: 360, h: 56 }),
    item('add', 'button', 'Tambah', { disabled: true }),
    item('chip', 'button', 'Sayur', { selected: true }),
    item('saved', 'status', 'Tersimpan di HP'),
  ]);
  assert.deepEqual(dom.map((e) => [e.tag, e.id, e.role]), [
    ['h2', 'title', null], ['a', 'open', 'link'], ['button', 'add', null], ['button', 'chip', null],
    ['p', 'saved', 'status']]);
  assert.equal(dom[0].text, 'Pasar Tugu', 'a heading is read as its text');
  assert.equal(dom[1].label, 'Lapak Bu Sri');
  assert.equal(dom[1].box, '0px 100px 360px 56px');
  assert.equal(dom[2].disabled, 'true');
  assert.equal(dom[3].pressed, 'true');
  assert.equal(dom[4].text, 'Tersimpan di HP');
  assert.equal(await page.evaluate(() => window.stats.mirrorUpdates), 1);
  assert.deepEqual(await page.evaluate(() => window.m.items().map((i) => i.id)),
    ['title', 'open', 'add', 'chip', 'saved'], 'items() is the last list');
});

test('a new list keeps unchanged elements, follows the new order, and drops what is gone', async () => {
  await update([item('a', 'button', 'A'), item('b', 'button', 'B'), item('c', 'link', 'C')]);
  await page.evaluate(() => { window.keptB = document.querySelector('[data-id="b"]'); });
  const dom = await update([item('c', 'button', 'C'), item('b', 'button', 'B2', { disabled: true })]);
  assert.deepEqual(dom.map((e) => [e.tag, e.id]), [['button', 'c'], ['button', 'b']],
    'order follows the list (reading order), "a" is gone, "c" changed role so it is a new element');
  assert.equal(dom[1].label, 'B2');
  assert.equal(dom[1].disabled, 'true');
  assert.ok(await page.evaluate(() => document.querySelector('[data-id="b"]') === window.keptB),
    'the element of an item that stays is the same DOM node');
  const again = await update([item('c', 'button', 'C'), item('b', 'button', 'B2')]);
  assert.equal(again[1].disabled, null, 'a state that ends is removed');
});

test('tabs are owned by one tablist after the items, with aria-selected', async () => {
  const dom = await update([item('home', 'tab', 'Beranda', { selected: true }), item('cart', 'tab', 'Keranjang'),
    item('buy', 'button', 'Beli')]);
  const list = dom[dom.length - 1];
  assert.equal(list.role, 'tablist');
  assert.equal(list.owns, 'mirror-home mirror-cart');
  assert.deepEqual(dom.slice(0, 2).map((e) => [e.role, e.selected]), [['tab', 'true'], ['tab', 'false']]);
  const none = await update([item('buy', 'button', 'Beli')]);
  assert.deepEqual(none.map((e) => e.id), ['buy'], 'no tabs, no tablist');
});

test('clicks, typing and focus reach the app through call()', async () => {
  await page.evaluate(() => { window.calls = []; });
  await update([item('buy', 'button', 'Beli'), item('name', 'textbox', 'Nama', { value: 'Sri', input: 'name' })]);
  await page.click('[data-id="buy"]');
  const input = page.locator('[data-id="name"]');
  assert.equal(await input.inputValue(), 'Sri');
  assert.equal(await input.getAttribute('autocomplete'), 'name');
  await input.focus();
  await input.pressSequentially('ati');
  await input.blur();
  const calls = await page.evaluate(() => window.calls);
  assert.deepEqual(calls[0], ['pasar_on_activate', 'buy']);
  assert.deepEqual(calls[1], ['pasar_on_field_focus', 'name', 1]);
  assert.deepEqual(calls.filter((c) => c[0] === 'pasar_on_text').map((c) => c[2]), ['Sria', 'Sriat', 'Sriati']);
  assert.deepEqual(calls[calls.length - 1], ['pasar_on_field_focus', 'name', 0]);
});

test('the app overrides a field only when its value differs from what the field sent, never mid-composition', async () => {
  await update([item('q', 'textbox', 'Cari', { value: '', input: 'search' })]);
  const input = page.locator('[data-id="q"]');
  await input.fill('cabe');
  await input.evaluate((el) => el.setSelectionRange(1, 3));
  await update([item('q', 'textbox', 'Cari', { value: 'cabe', input: 'search' })]);
  assert.deepEqual(await input.evaluate((el) => [el.value, el.selectionStart, el.selectionEnd]), ['cabe', 1, 3],
    'the app echoing what was typed does not touch the element (the caret stays)');
  await update([item('q', 'textbox', 'Cari', { value: '', input: 'search' })]);
  assert.equal(await input.inputValue(), '', 'the app cleared the field: the element follows');
  await input.evaluate((el) => el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true })));
  await update([item('q', 'textbox', 'Cari', { value: 'sayur', input: 'search' })]);
  assert.equal(await input.inputValue(), '', 'nothing is written into an IME composition');
  await input.evaluate((el) => el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true })));
  await update([item('q', 'textbox', 'Cari', { value: 'sayur', input: 'search' })]);
  assert.equal(await input.inputValue(), 'sayur');
  assert.equal(await input.getAttribute('enterkeyhint'), 'search');
  assert.equal(await input.getAttribute('type'), 'text', 'a search field stays role textbox');
});

test('a tap on the canvas over a field focuses its input; a tap elsewhere lets go', async () => {
  await update([item('phone', 'textbox', 'Nomor HP', { x: 20, y: 200, w: 300, h: 48, input: 'tel' }),
    item('off', 'textbox', 'Tertutup', { x: 20, y: 300, w: 300, h: 48, off: true })]);
  await page.touchscreen.tap(100, 220);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'phone');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'tel');
  await page.touchscreen.tap(100, 320);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY', 'a field that is off takes no tap');
  await page.touchscreen.tap(100, 220);
  await page.mouse.click(100, 500);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY', 'a click elsewhere closes the keyboard');
});
