// Debian's Chromium driven without Playwright's page defaults. Playwright keeps every page it manages
// "focused" (Emulation.setFocusEmulationEnabled), which also keeps it visible: document.hidden can never
// become true. For the hidden-page figure this launcher starts Chromium itself with a DevTools port and
// connects with noDefaults, sets the phone's metrics and touch over CDP, and hides a page the way a phone
// does: another tab comes to the front.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/browser/lib.mjs';

export async function launchRawPhone() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-raw-'));
  const proc = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--window-size=360,740', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const endpoint = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium gave no DevTools endpoint: ${err.slice(-500)}`)), 60000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited ${code}: ${err.slice(-500)}`)); });
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0];
  const page = context.pages()[0] || await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 360, height: 740, deviceScaleFactor: 2, mobile: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  let cover = null;
  return {
    browser, context, page, cdp,
    // Brings a blank tab to the front (the page goes to the background), or back.
    async hide() {
      ({ targetId: cover } = await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: false, background: false }));
    },
    async show() {
      if (cover) await cdp.send('Target.closeTarget', { targetId: cover });
      cover = null;
      await cdp.send('Target.activateTarget', { targetId: (await cdp.send('Target.getTargetInfo')).targetInfo.targetId });
    },
    async close() {
      await browser.close().catch(() => {});
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A finger tap through CDP at CSS pixel (x, y): down, a short hold, up (as a person taps).
export async function tapAt(cdp, x, y, holdMs = 60) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
  await new Promise((r) => setTimeout(r, holdMs));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
