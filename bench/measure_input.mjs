// Input and scrolling, in Debian Chromium as a phone (360x740, DPR 2, touch), measured in the page by
// bench/lib/probe.mjs:
//   tap latency at CPU 4x: from a touch event's timestamp to the end of the next frame the app draws
//     (the frame that handles the touch), over >= 20 taps: a market card, then the back button, repeated.
//     Baseline, same touches: the browser's next requestAnimationFrame callback (no frame can come sooner).
//   frame CPU time while scrolling at CPU 1x: the duration of each requestAnimationFrame callback that drew
//     a frame, during finger drags and their fling. On the 1,000-product stall when the stall page exists
//     (src/ui/screen_stall.cpp), and as stand-ins labelled as such on the market list and a market page.
//     Baseline: the empty ImGui app's frame time.
import fs from 'node:fs';
import path from 'node:path';
import { launchPhone, settle, swipe } from '../tests/browser/lib.mjs';
import { EMPTY_FIRST_MARK, FIRST_DATA_MARK, firstVisibleLink, openAppAt, waitForItem, waitForMark } from './lib/app_page.mjs';
import { writeBigStallCatalog } from './lib/big_stall.mjs';
import { ROOT, failed, log, median, ms, notMeasured, percentile, row } from './lib/common.mjs';
import { PROBE_SCRIPT } from './lib/probe.mjs';
import { tapAt } from './lib/raw_chromium.mjs';
import { startOwnServer } from './lib/server.mjs';

const SECTION = 'input';
const TAP_ROUND_TRIPS = 11;  // each is two taps (open a market, back): 22 taps

const setRecording = (page, on) => page.evaluate((v) => {
  const p = window.__benchProbe;
  if (v) { p.frameDurations = []; p.touches = []; }
  p.recording = v;
}, on);
const readProbe = (page) => page.evaluate(() => ({ durations: window.__benchProbe.frameDurations.slice(),
  touches: window.__benchProbe.touches.slice() }));

async function measureTaps(page, cdp) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    await setRecording(page, true);
    for (let i = 0; i < TAP_ROUND_TRIPS; i++) {
      const card = await firstVisibleLink(page);
      await tapAt(cdp, card.x + card.w / 2, card.y + card.h / 2);
      await waitForItem(page, 'heading', card.name);
      await settle(page, 300);
      const back = await waitForItem(page, 'button', 'Kembali');
      await tapAt(cdp, back.x + back.w / 2, back.y + back.h / 2);
      await page.waitForFunction((n) => !window.pasar.items().some((it) => it.role === 'heading' && it.name === n),
        card.name, { timeout: 30000 });
      await settle(page, 300);
    }
    const { touches } = await readProbe(page);
    await setRecording(page, false);
    return touches;
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

// Drags the list up `count` times (and back down as often), letting each fling run out.
async function scrollFrames(page, count) {
  await setRecording(page, true);
  for (let i = 0; i < count; i++) { await swipe(page, 180, 620, 200, 10); await settle(page, 250); }
  for (let i = 0; i < count; i++) { await swipe(page, 180, 200, 620, 10); await settle(page, 250); }
  const { durations } = await readProbe(page);
  await setRecording(page, false);
  return durations;
}

const frameFigure = (d) => `median ${ms(median(d))}, p95 ${ms(percentile(d, 0.95))} (${d.length} frames)`;

async function emptyFrameTimes(page, emptyUrl) {
  await page.goto(emptyUrl);
  await waitForMark(page, EMPTY_FIRST_MARK, 60000);
  await setRecording(page, true);
  await page.waitForTimeout(3000);
  const { durations } = await readProbe(page);
  await setRecording(page, false);
  return durations;
}

async function measureBigStall(page, emptyBaseline) {
  const figure = 'frame CPU time scrolling a 1,000-product stall (wasm, CPU 1x)';
  const target = 'median <= 4 ms';
  if (!fs.existsSync(path.join(ROOT, 'src', 'ui', 'screen_stall.cpp'))) {
    return notMeasured(SECTION, figure, target, 'no stall page yet (src/ui/screen_stall.cpp does not exist)');
  }
  let server = null, big = null;
  try {
    big = writeBigStallCatalog();
    log(`input: serve.py on a one-market catalogue with a ${big.products}-product stall (first start seeds it)`);
    server = await startOwnServer(['--catalog-dir', big.dir]);
    await page.goto(`${server.url}/#/pasar/${big.market_id}/lapak/${big.stall_id}`);
    await waitForMark(page, FIRST_DATA_MARK, 60000);
    await waitForItem(page, 'heading', big.stall_name);
    await settle(page);
    const d = await scrollFrames(page, 4);
    if (d.length < 20) throw new Error(`only ${d.length} frames drawn while scrolling the stall`);
    return row(SECTION, figure, { value: frameFigure(d), target, baseline: emptyBaseline,
      note: `stall ${big.stall_id}, ${big.products} products, drags and flings`, detail: { durations: d } });
  } catch (e) {
    return failed(SECTION, figure, target, e);
  } finally {
    if (server) await server.stop();
    if (big) fs.rmSync(big.dir, { recursive: true, force: true });
  }
}

// The test suite's Chromium flags, as everywhere in bench/. With --disable-gpu the compositor is software and
// reads each WebGL frame back on the main thread; without it SwiftShader composites in the GPU process.
// On this loaded 2-core box both gave the same picture (a browser floor of 0.4-0.5 s at CPU 4x), so only
// one is run; the floor is printed beside the figure so the app's own share stays visible.
async function measureTapLatency(appUrl) {
  const figure = 'tap to next drawn frame, CPU 4x';
  const target = '<= 50 ms';
  const phone = await launchPhone();
  try {
    await phone.context.addInitScript(PROBE_SCRIPT);
    const page = phone.context.pages()[0] || await phone.context.newPage();
    const cdp = await phone.context.newCDPSession(page);
    log(`input: ${TAP_ROUND_TRIPS * 2} taps at CPU 4x`);
    await openAppAt(page, appUrl);
    const touches = await measureTaps(page, cdp);
    const ends = touches.filter((t) => t.type === 'touchend' && t.frame_ms !== null);
    const starts = touches.filter((t) => t.type === 'touchstart' && t.frame_ms !== null);
    if (ends.length < 20) throw new Error(`only ${ends.length} taps got a frame`);
    const pick = (list, key) => list.map((t) => t[key]);
    const f = pick(ends, 'frame_ms');
    return row(SECTION, figure, {
      value: `median ${ms(median(f))}, p95 ${ms(percentile(f, 0.95))} (${ends.length} taps, from touchend)`,
      target,
      baseline: `next rAF after the same touch (browser floor): median ${ms(median(pick(ends, 'floor_ms')))}`,
      note: `of which the browser's input delay (touch created -> page gets it): median ${ms(median(pick(ends, 'dispatch_ms')))}; ` +
        `the app's work in the frame that handles the tap: median ${ms(median(pick(ends, 'work_ms')))}, ` +
        `p95 ${ms(percentile(pick(ends, 'work_ms'), 0.95))} (at 4x); touchstart to next frame: median ${ms(median(pick(starts, 'frame_ms')))}`,
      detail: touches });
  } catch (e) {
    return failed(SECTION, figure, target, e);
  } finally {
    await phone.close();
  }
}

export async function measureInput({ appUrl, emptyUrl }) {
  const rows = [];
  rows.push(await measureTapLatency(appUrl));
  const phone = await launchPhone();
  await phone.context.addInitScript(PROBE_SCRIPT);
  const page = phone.context.pages()[0] || await phone.context.newPage();
  const cdp = await phone.context.newCDPSession(page);
  try {
    let emptyBaseline = 'n/a';
    try {
      log('input: empty ImGui app frame time (baseline)');
      const d = await emptyFrameTimes(page, emptyUrl);
      emptyBaseline = `empty ImGui app frame: ${frameFigure(d)}`;
    } catch (e) {
      emptyBaseline = `baseline failed: ${e.message.split('\n')[0]}`;
    }

    rows.push(await measureBigStall(page, emptyBaseline));

    const standIn = 'stand-in: frame CPU time scrolling the market list, CPU 1x';
    try {
      log('input: scrolling the market list');
      await openAppAt(page, appUrl);
      const d = await scrollFrames(page, 2);
      rows.push(row(SECTION, standIn, { value: frameFigure(d), target: '(stall target: median <= 4 ms)',
        baseline: emptyBaseline, detail: { durations: d } }));
      const card = await firstVisibleLink(page);
      log(`input: scrolling the market page of ${card.name}`);
      await tapAt(cdp, card.x + card.w / 2, card.y + card.h / 2);
      await waitForItem(page, 'heading', card.name);
      await settle(page);
      const m = await scrollFrames(page, 3);
      rows.push(row(SECTION, `stand-in: frame CPU time scrolling a market page (${card.name}), CPU 1x`, {
        value: frameFigure(m), target: '(stall target: median <= 4 ms)', baseline: emptyBaseline,
        detail: { durations: m } }));
    } catch (e) {
      rows.push(failed(SECTION, standIn, '', e));
    }
  } finally {
    await phone.close();
  }
  return rows;
}
