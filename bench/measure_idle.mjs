// Frames and WebGL draw calls per second while idle (from 1 s after the last input) on every
// screen, and while the page is hidden (another tab in front; document.hidden checked, not assumed).
// Baseline in the same run: the empty ImGui app (bench/empty_app.cpp), which like most ImGui apps draws
// every animation frame, idle and hidden.
import { settle, swipe } from '../tests/browser/lib.mjs';
import { countRates, firstVisibleLink, openAppAt, waitForItem, waitForMark, EMPTY_FIRST_MARK } from './lib/app_page.mjs';
import { failed, log, perS, row } from './lib/common.mjs';
import { launchRawPhone, tapAt } from './lib/raw_chromium.mjs';

const SECTION = 'idle';
const WINDOW_S = 5;
const TARGET = '0/s';

export async function measureIdle({ appUrl, emptyUrl }) {
  const rows = [];
  const phone = await launchRawPhone();
  const { page, cdp } = phone;
  let baseline = { idle: 'n/a', hidden: 'n/a' };
  try {
    log('idle: empty ImGui app baseline');
    await page.goto(emptyUrl);
    await waitForMark(page, EMPTY_FIRST_MARK, 60000);
    await page.waitForTimeout(1000);
    const emptyIdle = await countRates(page, WINDOW_S, 'benchEmpty');
    await phone.hide();
    const emptyHiddenFlag = await page.evaluate(() => document.hidden);
    const emptyHidden = await countRates(page, WINDOW_S, 'benchEmpty');
    await phone.show();
    baseline = {
      idle: `empty ImGui app: ${perS(emptyIdle.frames_per_s)} frames`,
      hidden: emptyHiddenFlag ? `empty ImGui app hidden: ${perS(emptyHidden.frames_per_s)} frames` : 'n/a (baseline page did not hide)',
    };
  } catch (e) {
    log('idle baseline failed:', e.message);
    baseline = { idle: `baseline failed: ${e.message.split('\n')[0]}`, hidden: 'baseline failed' };
  }

  let stage = 'market list';
  try {
    log('idle: market list');
    await openAppAt(page, appUrl);
    await page.waitForTimeout(1000);  // the target counts from 1 s after the last input
    const list = await countRates(page, WINDOW_S);
    rows.push(row(SECTION, 'idle frames / draw calls, market list', {
      value: `${perS(list.frames_per_s)} frames, ${perS(list.draws_per_s)} draw calls`, target: TARGET,
      baseline: baseline.idle, detail: list }));

    stage = 'market page';
    const card = await firstVisibleLink(page);
    log(`idle: opening "${card.name}" with a tap`);
    await tapAt(cdp, card.x + card.w / 2, card.y + card.h / 2);
    await waitForItem(page, 'heading', card.name);
    await settle(page);
    await page.waitForTimeout(1000);
    const market = await countRates(page, WINDOW_S);
    rows.push(row(SECTION, `idle frames / draw calls, market page (${card.name})`, {
      value: `${perS(market.frames_per_s)} frames, ${perS(market.draws_per_s)} draw calls`, target: TARGET,
      baseline: baseline.idle, detail: market }));

    // Every other screen, reached by its URL (the app follows hash changes as the back key does).
    const screens = [
      ['stall page', '#/pasar/pasar-tugu/lapak/pasar-tugu.s1'],
      ['product page', '#/produk/pasar-tugu.s1.p1'],
      ['cart', '#/keranjang'],
      ['checkout', '#/keranjang/pesan'],
      ['My orders', '#/pesanan'],
      ['settings', '#/pengaturan'],
    ];
    for (const [name, hash] of screens) {
      stage = name;
      await page.evaluate((h) => { location.hash = h; }, hash);
      await settle(page);
      await page.waitForTimeout(1000);
      const rates = await countRates(page, WINDOW_S);
      rows.push(row(SECTION, `idle frames / draw calls, ${name}`, {
        value: `${perS(rates.frames_per_s)} frames, ${perS(rates.draws_per_s)} draw calls`, target: TARGET,
        baseline: baseline.idle, detail: rates }));
    }
    await page.evaluate(() => { location.hash = '#/pasar/pasar-tugu'; });
    await settle(page);

    stage = 'hidden page';
    // Hide in the middle of a fling, so a running scroll animation would have to stop by itself.
    await swipe(page, 180, 600, 250, 4);
    await phone.hide();
    const hidden = await page.evaluate(() => document.hidden);
    if (!hidden) throw new Error('document.hidden stayed false with another tab in front');
    const away = await countRates(page, WINDOW_S);
    await phone.show();
    const visibleAgain = await page.evaluate(() => !document.hidden);
    const before = await page.evaluate(() => window.pasar.frames);
    await page.waitForTimeout(1500);
    const resumed = (await page.evaluate(() => window.pasar.frames)) - before;
    rows.push(row(SECTION, 'frames / draw calls while hidden (document.hidden true)', {
      value: `${perS(away.frames_per_s)} frames, ${perS(away.draws_per_s)} draw calls`, target: TARGET,
      baseline: baseline.hidden,
      note: `hidden mid-fling; back in front: ${visibleAgain ? `${resumed} frames drawn in 1.5 s` : 'still hidden'}`,
      detail: away }));
  } catch (e) {
    rows.push(failed(SECTION, `idle frames (${stage})`, TARGET, e));
  } finally {
    await phone.close();
  }
  return rows;
}
