// serve.py's durable order intake, from bench/bench_serve.py (owned by the serve.py helper): it prints a
// table; the rows for serve.py's default (group commit) at 1, 10 and 50 clients are read from it, beside
// the empty pull (full request gate, no write) at the same clients as the baseline, and the same load with
// --no-group-commit (one transaction per push) for comparison. The whole printed output goes into the
// results file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, failed, log, ms, notMeasured, row } from './lib/common.mjs';

const SECTION = 'serve';
const SCRIPT = path.join(ROOT, 'bench', 'bench_serve.py');
// what, clients, requests, failures, per s, p50 ms, p99 ms, server CPU ms[, client CPU ms]
const ROW_RE = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+|nan)\s+([\d.]+|nan)\s+([\d.]+|nan)(?:\s+([\d.]+|nan))?\s*$/;

export function parseServeTable(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    const m = line.match(ROW_RE);
    if (!m) continue;
    rows.push({ what: m[1].trim(), clients: +m[2], requests: +m[3], failures: +m[4], per_s: +m[5], p50_ms: +m[6],
      p99_ms: +m[7], cpu_ms: +m[8], client_cpu_ms: m[9] === undefined ? NaN : +m[9] });
  }
  return rows;
}

export function measureServe() {
  const figure = 'serve.py durable order intake (WAL, synchronous=FULL)';
  const target = '>= 500 orders/s; p99 <= 50 ms at 50 clients';
  if (!fs.existsSync(SCRIPT)) return { rows: [notMeasured(SECTION, figure, target, 'bench/bench_serve.py does not exist')], output: '' };
  log('serve: bench/bench_serve.py (seeds its own server first)');
  const r = spawnSync('python3', [SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 900000, maxBuffer: 16 << 20 });
  const output = (r.stdout || '') + (r.stderr ? `\n[stderr]\n${r.stderr}` : '');
  if (r.error || r.status !== 0) {
    return { rows: [failed(SECTION, figure, target, r.error || `exit ${r.status}: ${output.slice(-600)}`)], output };
  }
  const table = parseServeTable(r.stdout);
  const pick = (what, clients) => table.find((t) => t.what === what && t.clients === clients);
  const rows = [];
  const orders = [1, 10, 50].map((c) => pick('place_order, group commit', c));
  const pulls = [1, 10, 50].map((c) => pick('baseline: empty pull (POST)', c));
  if (orders.some((o) => !o)) {
    return { rows: [failed(SECTION, figure, target, 'bench_serve.py printed no "place_order, group commit" rows for 1/10/50 clients')], output };
  }
  const fmt = (list, f) => list.map((x) => (x ? f(x) : 'n/a')).join(' / ');
  const loads = (r.stdout.match(/^load average (?:before|after): ([\d. ]+)$/gm) || []).map((l) => l.split(': ')[1].split(' ')[0]);
  rows.push(row(SECTION, 'serve.py orders/s at 1 / 10 / 50 clients (group commit, the default)', {
    value: fmt(orders, (o) => `${o.per_s}`), target: '>= 500/s',
    baseline: `empty pull: ${fmt(pulls, (p) => `${p.per_s}`)} per s`,
    note: [orders.some((o) => o.failures) ? `failures: ${fmt(orders, (o) => `${o.failures}`)}` : '',
      loads.length ? `load average ${loads.join(' -> ')}` : '',
      `CPU ms per order server/client: ${fmt(orders, (o) => `${o.cpu_ms}/${o.client_cpu_ms}`)}`].filter(Boolean).join('; ') }));
  rows.push(row(SECTION, 'serve.py order latency p50 / p99 at 1 / 10 / 50 clients', {
    value: fmt(orders, (o) => `${ms(o.p50_ms)}/${ms(o.p99_ms)}`), target: 'p99 <= 50 ms at 50',
    baseline: `empty pull: ${fmt(pulls, (p) => `${ms(p.p50_ms)}/${ms(p.p99_ms)}`)}` }));
  const paced = table.find((t) => t.what.startsWith('place_order, group commit, paced'));
  if (paced) {
    rows.push(row(SECTION, `serve.py ${paced.what} at ${paced.clients} clients`, {
      value: `${paced.per_s}/s done, p50 ${ms(paced.p50_ms)}, p99 ${ms(paced.p99_ms)}`, target: 'p99 <= 50 ms',
      baseline: '(offered load, latency from the due time)' }));
  }
  const single = [1, 10, 50].map((c) => pick('place_order, 1 txn/push', c));
  if (single.every(Boolean)) {
    rows.push(row(SECTION, 'serve.py --no-group-commit orders/s at 1 / 10 / 50 clients', {
      value: fmt(single, (o) => `${o.per_s}`), target: '(comparison)',
      baseline: `p99 ${fmt(single, (o) => ms(o.p99_ms))}` }));
  }
  return { rows, output: r.stdout };
}
