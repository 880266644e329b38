// Shared pieces of the benchmark: order statistics, the cheap-phone profiles of QUALITY.md applied over
// CDP, result rows, and number formatting. A row is one line of the printed table.
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// Nearest-rank percentile (no interpolation): every reported figure is one real sample.
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
export const median = (values) => percentile(values, 0.5);

// DevTools' Kbps are 1024 bits: Lighthouse's Slow 4G is 1.6 Mbps * 0.9 = 1474.56 Kbps = 188,744 bytes/s.
const kbps = (k) => (k * 1024) / 8;
export const PROFILES = {
  lowend: { name: 'low-end (562.5 ms RTT, 1474.56/675 Kbps, CPU 10x)', latency_ms: 562.5, down_kbps: 1474.56,
    up_kbps: 675, cpu: 10 },
  slow4g: { name: 'Slow 4G (562.5 ms RTT, 1474.56/675 Kbps, CPU 4x)', latency_ms: 562.5, down_kbps: 1474.56,
    up_kbps: 675, cpu: 4 },
};

// Applies a profile to the page behind a CDP session (network: every request of the page; CPU: the
// renderer's main thread). The session must stay attached while the profile should hold.
export async function applyProfile(cdp, profile) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency_ms, downloadThroughput: kbps(profile.down_kbps),
    uploadThroughput: kbps(profile.up_kbps),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

export function row(section, figure, fields) {
  return { section, figure, value: '', target: '', baseline: '', status: 'ok', reason: '', ...fields };
}
export function notMeasured(section, figure, target, reason) {
  return row(section, figure, { value: 'not measured', target, baseline: '', status: 'not measured', reason });
}
// Something that exists could not be measured: printed, and the run exits non-zero.
export function failed(section, figure, target, error) {
  const reason = String(error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : error);
  return row(section, figure, { value: 'FAILED', target, status: 'failed', reason });
}

export const ms = (v) => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms` : 'n/a');
export const us = (v) => (Number.isFinite(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(1)} µs`) : 'n/a');
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;
export const perS = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)}/s` : 'n/a');

export function log(...args) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${args.join(' ')}\n`);
}
