// Small helpers over the app's public page contract (window.pasar, the semantics mirror, performance
// marks) shared by the browser measurements.
import { settle } from '../../tests/browser/lib.mjs';

export const FIRST_DATA_MARK = 'pasar-first-data-frame';
export const EMPTY_FIRST_MARK = 'bench-empty-first-frame';

export async function waitForMark(page, name, timeout = 180000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout, polling: 100 });
  return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

export async function openAppAt(page, url) {
  await page.goto(url);
  await waitForMark(page, FIRST_DATA_MARK, 60000);
  await settle(page);
}

// The first market card (a mirror link) wholly on screen: what a buyer's thumb reaches first.
export async function firstVisibleLink(page) {
  const handle = await page.waitForFunction(() => {
    const items = window.pasar && window.pasar.items ? window.pasar.items() : [];
    return items.find((it) => it.role === 'link' && !it.off && it.y >= 60 && it.y + it.h <= innerHeight && it.h >= 40) || null;
  }, null, { timeout: 30000 });
  return handle.jsonValue();
}

export async function waitForItem(page, role, name, timeout = 30000) {
  const handle = await page.waitForFunction(([r, n]) => {
    const items = window.pasar && window.pasar.items ? window.pasar.items() : [];
    return items.find((it) => it.role === r && it.name === n && !it.off) || null;
  }, [role, name], { timeout });
  return handle.jsonValue();
}

// Frames and WebGL draw calls per second over `seconds`, from the page's counters.
export async function countRates(page, seconds, counter = 'pasar') {
  const read = () => page.evaluate((c) => {
    const s = window[c] || {};
    return { frames: s.frames || 0, draws: s.drawCalls || 0, t: performance.now() };
  }, counter);
  const a = await read();
  await page.waitForTimeout(seconds * 1000);
  const b = await read();
  const dt = (b.t - a.t) / 1000;
  return { frames_per_s: (b.frames - a.frames) / dt, draws_per_s: (b.draws - a.draws) / dt, frames: b.frames - a.frames, seconds: dt };
}
