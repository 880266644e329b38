// Shared helpers for the browser tests and benchmarks: start serve.py on a free loopback port, launch
// Debian's Chromium as a phone (360x740, DPR 2, touch), and drive the app through its semantics mirror
// (find a widget by role and name, tap the canvas at its box, as a finger would).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { hashServerSources, spawnServe, stopServe } from '../../tools/serve_launcher.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const WEB_DIR = process.env.PASAR_WEB_DIR || path.join(ROOT, 'build', 'web');
export const ARTIFACTS = process.env.PASAR_ARTIFACTS || path.join(ROOT, 'build', 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-features=Translate,MediaRouter,OptimizationHints', '--mute-audio',
];

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  locale: 'id-ID', timezoneId: 'Asia/Jakarta' };

function spawnServer(dataDir, extraArgs) {
  return spawnServe(dataDir, ['--web-dir', WEB_DIR, '--seed-pin', SEED_PIN, ...extraArgs]);
}

const stopProc = stopServe;

export const SEED_PIN = '246810';

// First start of serve.py seeds every stall account with a slow password hash (by design); tests start
// many servers, so the seeded data folder is made once per build and copied for each server.
function catalogFingerprint() {
  const hash = crypto.createHash('sha256');
  const dir = path.join(ROOT, 'assets', 'catalog');
  for (const rel of ['index.json', ...fs.readdirSync(path.join(dir, 'markets')).sort().map((f) => `markets/${f}`)]) {
    hash.update(rel);
    hash.update(fs.readFileSync(path.join(dir, rel)));
  }
  hashServerSources(hash);
  return hash.digest('hex');
}

async function seededTemplate() {
  const dir = path.join(ROOT, 'build', 'test-seed');
  const stamp = path.join(dir, '.complete');
  const want = catalogFingerprint();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { proc, url } = spawnServer(dir, []);
  await url;
  await stopProc(proc);
  fs.writeFileSync(stamp, want);
  return dir;
}

// Starts serve.py on a free port with a fresh copy of the seeded data folder; resolves with
// { url, proc, dataDir, stop() }.
export async function startServer(extraArgs = []) {
  const template = await seededTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-data-'));
  fs.cpSync(template, dataDir, { recursive: true });
  const { proc, url: urlPromise } = spawnServer(dataDir, extraArgs);
  const url = await urlPromise;
  return {
    url, proc, dataDir,
    async stop() {
      await stopProc(proc);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A persistent profile (not incognito), so service workers and installability behave as on a phone.
export async function launchPhone(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...PHONE, ...options,
  });
  const close = async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); };
  return { context, profile, close };
}

// Collects console errors and page errors; tests assert the list stays empty.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// What most test files start with: serve.py on a seeded copy, one phone, its first page watched for errors.
// prepare(context) runs before the page opens (init scripts). close() stops both.
export async function startSession({ serverArgs = [], prepare = null } = {}) {
  const server = await startServer(serverArgs);
  const phone = await launchPhone();
  if (prepare) await prepare(phone.context);
  const page = phone.context.pages()[0] || await phone.context.newPage();
  const errors = watchErrors(page);
  const close = async () => { await phone.close(); await server.stop(); };
  return { server, phone, page, errors, close };
}

export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.pasar && window.pasar.booted && window.pasar.frames > 0, null, { timeout: 60000 });
}

export function mirrorLocator(page, role, name) {
  return page.locator(`#mirror > [data-role="${role}"]`).filter({ has: page.locator('xpath=self::*') })
    .and(page.getByRole(role === 'textbox' ? 'textbox' : role, { name, exact: true }));
}

// Waits for a mirror element, scrolls the app (by finger) until it is on screen, and taps its centre.
export async function tap(page, role, name) {
  const item = await visibleItem(page, role, name);
  await page.touchscreen.tap(item.x + item.w / 2, item.y + item.h / 2);
  return item;
}

export async function findItem(page, role, name, timeout = 20000) {
  const handle = await page.waitForFunction(([r, n]) => {
    const items = window.pasar && window.pasar.items ? window.pasar.items() : [];
    return items.find((it) => it.role === r && it.name === n) || null;
  }, [role, name], { timeout });
  return handle.jsonValue();
}

// Swipes the list until the item is fully inside the viewport (at most 12 swipes).
export async function visibleItem(page, role, name) {
  for (let i = 0; i < 12; i++) {
    await findItem(page, role, name);
    await waitStill(page);
    const item = await findItem(page, role, name);
    const vh = page.viewportSize().height;
    if (!item.off && item.y >= 0 && item.y + item.h <= vh && item.h > 8) return item;
    const up = item.off ? (item.y < 0 ? -1 : 1) : (item.y < 0 ? -1 : 1);
    await swipe(page, 180, up > 0 ? 560 : 260, up > 0 ? 260 : 560);
    await settle(page);
  }
  throw new Error(`${role} "${name}" never came into view`);
}

// A finger drag on the canvas from (x, y0) to (x, y1) through real touch events.
export async function swipe(page, x, y0, y1, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const point = (y) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(y0) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(y0 + ((y1 - y0) * i) / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// Waits until the app stops drawing (frames on demand: no frame for `quietMs`).
export async function settle(page, quietMs = 300, timeout = 10000) {
  const start = Date.now();
  let last = await page.evaluate(() => window.pasar.frames);
  let since = Date.now();
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(50);
    const now = await page.evaluate(() => window.pasar.frames);
    if (now !== last) { last = now; since = Date.now(); } else if (Date.now() - since >= quietMs) return;
  }
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Counts non-background pixels of the canvas from a screenshot taken by the browser itself.
export async function canvasInkRatio(page) {
  return page.evaluate(async () => {
    const c = document.getElementById('canvas');
    const bitmap = await createImageBitmap(c);
    const off = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = off.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const bg = [data[data.length - 4], data[data.length - 3], data[data.length - 2]];
    let ink = 0;
    for (let i = 0; i < data.length; i += 16) {
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30) ink++;
    }
    return ink / (data.length / 16);
  });
}

// ---- helpers for the offline and sync journeys (tests/browser/offline.test.mjs, bench/measure_sync.mjs) ----

// Stops serve.py (SIGTERM) but keeps its data folder, so resumeServer() can start it again as it was.
export async function pauseServer(server) {
  await stopProc(server.proc);
}

// Starts serve.py again on the same port and data folder after pauseServer(); server.proc and
// server.stop() follow the new process.
export async function resumeServer(server, extraArgs = []) {
  const port = new URL(server.url).port;
  const { proc, url } = spawnServer(server.dataDir, [...extraArgs, '--port', port]);
  server.proc = proc;
  server.stop = async () => {
    await stopProc(proc);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
  await url;
  return server;
}

// Rows of a read-only SQL query on serve.py's database (<data-dir>/pasar.sqlite3), as objects. The server
// may be running: SQLite's WAL lets this reader see every committed transaction.
export function queryDb(dataDir, sql, params = []) {
  const script = 'import json, sqlite3, sys\n' +
    'c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)\n' +
    'c.row_factory = sqlite3.Row\n' +
    'print(json.dumps([dict(r) for r in c.execute(sys.argv[2], json.loads(sys.argv[3]))]))\n';
  const out = execFileSync('python3', ['-c', script, path.join(dataDir, 'pasar.sqlite3'), sql, JSON.stringify(params)]);
  return JSON.parse(out.toString());
}

// Launches Chromium as a phone on a given persistent profile folder (kept by the caller, so a restart on
// the same folder finds IndexedDB and the service worker again).
export async function launchPhoneProfile(profile, options = {}) {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...PHONE, ...options,
  });
}

// Kills, with SIGKILL, every Chromium process started on `profile` (found by its --user-data-dir), the way
// a phone's OS kills a browser: nothing gets to flush or say goodbye. Resolves when they are all gone.
export async function killPhoneProfile(profile) {
  const mine = () => execFileSync('ps', ['-eo', 'pid=,args=']).toString().split('\n')
    .filter((l) => l.includes(`--user-data-dir=${profile}`) && !l.includes(' ps '))
    .map((l) => parseInt(l.trim(), 10)).filter((pid) => pid > 0 && pid !== process.pid);
  const pids = mine();
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch (e) { /* already gone */ } }
  for (let i = 0; i < 100 && mine().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return pids;
}

// The mirror item with this id, waiting up to `timeout` ms for it to be drawn.
export async function findItemById(page, id, timeout = 20000) {
  const handle = await page.waitForFunction((i) => {
    const items = window.pasar && window.pasar.items ? window.pasar.items() : [];
    return items.find((it) => it.id === i) || null;
  }, id, { timeout });
  return handle.jsonValue();
}

// Waits until the mirror item `id` has an accessible name matching `re` (a RegExp); returns the item.
export async function waitItemName(page, id, re, timeout = 60000) {
  const handle = await page.waitForFunction(([i, src, flags]) => {
    const items = window.pasar && window.pasar.items ? window.pasar.items() : [];
    const it = items.find((x) => x.id === i);
    return it && new RegExp(src, flags).test(it.name) ? it : null;
  }, [id, re.source, re.flags], { timeout });
  return handle.jsonValue();
}

// Waits (up to 5 s) until the app has drawn its last frame for now, so the mirror's boxes are where the next
// frame will take a finger: a box read while the page still moves (a scroll clamped to a shorter page, a
// list coasting) can send the tap past its widget. A screen that animates for longer is tapped as it is.
export async function waitStill(page) {
  await page.waitForFunction(() => window.pasar && window.pasar.settling === false, null, { timeout: 5000 }).catch(() => {});
}

// Like tap(), by mirror id: swipes the item into view, then taps its centre with a finger.
export async function tapId(page, id) {
  for (let i = 0; i < 12; i++) {
    await findItemById(page, id);
    await waitStill(page);
    const item = await findItemById(page, id);
    const vh = page.viewportSize().height;
    if (!item.off && item.y >= 0 && item.y + item.h <= vh && item.h > 8) {
      await page.touchscreen.tap(item.x + item.w / 2, item.y + item.h / 2);
      return item;
    }
    const down = item.y >= 0;   // below the fold: swipe up to scroll down
    await swipe(page, 180, down ? 560 : 260, down ? 260 : 560);
    await settle(page);
  }
  throw new Error(`item ${id} never came into view`);
}

// What a failing browser test prints about a page, so a CI log says where the phone was: the route, the
// mirror items (id, role, name, box), the store's state and the last platform intents. Never throws.
export async function describePage(page) {
  try {
    const d = await page.evaluate(() => {
      const p = window.pasar || {};
      return {
        url: location.href, frames: p.frames, booted: p.booted,
        store: p.store ? p.store().state : undefined,
        items: p.items ? p.items().map((it) => `${it.id} [${it.role}] "${it.name}"${it.value !== undefined ? ` value="${it.value}"` : ''}`
          + ` @${Math.round(it.x)},${Math.round(it.y)} ${Math.round(it.w)}x${Math.round(it.h)}${it.off ? ' off' : ''}${it.disabled ? ' disabled' : ''}${it.selected ? ' selected' : ''}`) : [],
        events: (p.events || []).slice(-15).map((e) => `${e.kind} ${e.id || ''} ${e.number !== undefined ? e.number : ''} ${e.text || ''}`.trim()),
      };
    });
    return [`page ${d.url} frames=${d.frames} booted=${d.booted} store=${d.store}`, '  mirror:',
      ...d.items.map((s) => `    ${s}`), '  last intents:', ...d.events.map((s) => `    ${s}`)].join('\n');
  } catch (err) {
    return `page ${page.url()}: not readable (${err && err.message})`;
  }
}

// Prints each page's description on stderr and saves FAIL-<n>-<page>.png: what a failing test leaves behind.
let failureShots = 0;
async function reportFailure(name, pages) {
  failureShots++;
  let n = 0;
  for (const page of pages) {
    n++;
    console.error(`--- ${name}: page ${n} when it failed\n${await describePage(page)}`);
    await screenshot(page, `FAIL-${failureShots}-${n}`).catch(() => {});
  }
}

// node:test's test(), for files that keep one phone open across their tests: a failing test describes the
// pages that pagesNow() returns (see describePage) before it fails.
export function describingTest(test, pagesNow) {
  return (name, fn) => test(name, async (t) => {
    try {
      await fn(t);
    } catch (err) {
      await reportFailure(name, pagesNow());
      throw err;
    }
  });
}

// Test scenarios that open their own browsers: every context from launch() is closed when the scenario ends,
// whatever happens (a failure must not leave Chromium running until ctest's timeout), and on failure each
// open page is described first.
export function phoneScenarios(test) {
  const open = new Set();
  async function launch(profile, options = {}) {
    const context = await launchPhoneProfile(profile, options);
    open.add(context);
    context.on('close', () => open.delete(context));
    return context;
  }
  function scenario(name, fn) {
    test(name, async (t) => {
      try {
        await fn(t);
      } catch (err) {
        await reportFailure(name, [...open].flatMap((context) => context.pages()));
        throw err;
      } finally {
        for (const context of [...open]) await context.close().catch(() => {});
        open.clear();
      }
    });
  }
  return { launch, scenario };
}
