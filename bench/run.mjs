// Pasar Daring's benchmark: every figure of QUALITY.md's performance table, each beside its target and a
// baseline measured in the same run, printed as a table and written to bench/results/<date>.md with a
// description of the machine. Run through bench/run.sh (installs and builds first).
//
//   node bench/run.mjs [--runs N] [--only bytes,start,idle,input,core,serve,idbfs,size] [--no-write]
//
// It never fails on a time. It exits 1 only when something that exists could not be measured; a figure
// whose part is not built yet prints "not measured" with the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WEB_DIR, startServer } from '../tests/browser/lib.mjs';
import { ROOT, failed, log, row } from './lib/common.mjs';
import { describeMachine } from './lib/machine.mjs';
import { bytesTable, measureBytes } from './measure_bytes.mjs';
import { measureIdle } from './measure_idle.mjs';
import { measureInput } from './measure_input.mjs';
import { EM_DIR, measureBenchCore, measureHeap, measureSearch } from './measure_native.mjs';
import { measureServe } from './measure_serve.mjs';
import { measureSync } from './measure_sync.mjs';
import { measureCold, measureWarm } from './measure_start.mjs';
import { analyzeWasm, breakdown, breakdownMarkdown } from './wasm_sizes.mjs';

const SECTIONS = ['bytes', 'start', 'idle', 'input', 'core', 'serve', 'idbfs', 'size'];

function parseArgs(argv) {
  const opts = { runs: 5, only: SECTIONS, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') opts.runs = Math.max(1, parseInt(argv[++i], 10));
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a === '--no-write') opts.write = false;
    else if (a === '--help' || a === '-h') { console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(0, 9).join('\n')); process.exit(0); }
    else { console.error(`unknown argument ${a} (see --help)`); process.exit(2); }
  }
  const unknown = opts.only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) { console.error(`unknown section(s) ${unknown.join(',')}; known: ${SECTIONS.join(',')}`); process.exit(2); }
  return opts;
}

function sizeSection() {
  const named = path.join(EM_DIR, 'bench', 'named', 'pasar.wasm');
  const served = path.join(WEB_DIR, 'pasar.wasm');
  const emptyWasm = path.join(EM_DIR, 'bench', 'web-empty', 'empty_app.wasm');
  try {
    const b = breakdown(analyzeWasm(named));
    const e = analyzeWasm(emptyWasm).sections;
    const sectionKb = (list, name) => ((list.find((x) => x.name === name) || { bytes: 0 }).bytes / 1024).toFixed(0);
    const top = b.groups.slice(0, 3).map((g) => `${g.group} ${((100 * g.bytes) / b.code_bytes).toFixed(0)}%`).join(', ');
    const data = b.sections.find((s) => s.name === 'data');
    return { rows: [row('size', 'what pasar.wasm is made of (named build)', {
      value: `code ${(b.code_bytes / 1024).toFixed(0)} KB, data ${(data ? data.bytes / 1024 : 0).toFixed(0)} KB`,
      target: '(wasm <= 160 KB served)', baseline: `empty_app.wasm: code ${sectionKb(e, 'code')} KB, data ${sectionKb(e, 'data')} KB`, note: `code by origin: ${top}; details in the results file` })],
    markdown: breakdownMarkdown(b, fs.statSync(served).size) };
  } catch (e) {
    return { rows: [failed('size', 'wasm size breakdown', '', e)], markdown: '' };
  }
}

const esc = (s) => String(s ?? '').replace(/\|/g, '\\|');

function table(rows) {
  const lines = ['| figure | measured | target | baseline (same run) |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.target)} | ${esc(r.baseline)} |`);
  return lines.join('\n');
}

function notes(rows) {
  const out = [];
  for (const r of rows) {
    if (r.status !== 'ok') out.push(`- ${r.figure}: **${r.status}**: ${r.reason}`);
    else if (r.note) out.push(`- ${r.figure}: ${r.note}`);
  }
  return out.join('\n');
}

function fence(text) {
  return ['```', text.trim(), '```'].join('\n');
}

function resultsFile(machine, rows, extras, elapsedS, opts) {
  const parts = [];
  parts.push(`# Benchmark results ${machine.date}`, '');
  parts.push('Produced by `bash bench/run.sh` (README, "How fast is it"). Targets are QUALITY.md\'s; every baseline ' +
    'was measured in the same run. Medians and percentiles are nearest-rank (each figure is one real sample).', '');
  parts.push('## Machine', '');
  parts.push(`- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB RAM`);
  parts.push(`- ${machine.os}`);
  parts.push(`- Browser: ${machine.chromium} (headless, SwiftShader WebGL), phone emulation 360x740 CSS px, DPR 2, touch`);
  parts.push(`- Toolchain: ${machine.emcc}; ${machine.gxx}; Node ${machine.node}; ${machine.python}`);
  parts.push(`- Tree: ${machine.commit}`);
  parts.push(`- Load average (1/5/15 min) at start: ${machine.load_start}; at end: ${machine.load_end}`);
  parts.push(`- Whole run: ${(elapsedS / 60).toFixed(1)} min, ${opts.runs} runs per start-up figure`, '');
  parts.push('**Noise.** This machine is shared: other agents were building and testing on the same 2 cores during ' +
    'the run (see the load averages), so times are noisy and mostly pessimistic. Byte counts, frame counts and ' +
    'heap sizes are exact. Compare a figure with its same-run baseline rather than across runs. The browser draws ' +
    'WebGL in software (SwiftShader), so frame costs are not a phone GPU\'s.', '');
  parts.push('## Figures', '', table(rows), '');
  const n = notes(rows);
  if (n) parts.push('## Notes', '', n, '');
  for (const [title, body] of extras) parts.push(`## ${title}`, '', body, '');
  return parts.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const emptyDir = path.join(EM_DIR, 'bench', 'web-empty');
  for (const need of [path.join(WEB_DIR, 'index.html'), path.join(emptyDir, 'index.html')]) {
    if (!fs.existsSync(need)) {
      console.error(`missing ${need}: run bash bench/run.sh (it builds the app and the bench targets first)`);
      process.exit(1);
    }
  }
  const rows = [];
  const extras = [];
  const want = (s) => opts.only.includes(s);
  let app = null, empty = null;
  try {
    if (['bytes', 'start', 'idle', 'input'].some(want)) {
      log('starting serve.py for the app and for the empty baseline');
      app = await startServer();
      empty = await startServer(['--web-dir', emptyDir]);
    }
    const urls = app ? { appUrl: app.url, emptyUrl: empty.url } : {};
    if (want('bytes')) {
      const b = await measureBytes(urls);
      rows.push(...b.rows);
      if (b.detail) {
        extras.push(['First load, file by file (app)', bytesTable(b.detail.app)]);
        extras.push(['First load, file by file (empty ImGui app baseline)', bytesTable(b.detail.empty)]);
      }
    }
    if (want('start')) {
      rows.push(...await measureCold({ ...urls, runs: opts.runs }));
      rows.push(...await measureWarm({ ...urls, webDir: WEB_DIR, runs: opts.runs }));
    }
    if (want('idle')) rows.push(...await measureIdle(urls));
    if (want('input')) rows.push(...await measureInput(urls));
  } finally {
    if (app) await app.stop();
    if (empty) await empty.stop();
  }
  if (want('core')) {
    const s = measureSearch();
    rows.push(...s.rows);
    rows.push(...measureHeap());
    const c = measureBenchCore();
    rows.push(...c.rows);
    for (const [label, out] of Object.entries(s.outputs)) extras.push([`bench_search, ${label}`, fence(out)]);
    for (const [label, out] of Object.entries(c.outputs)) extras.push([`bench_core (core helper), ${label}`, fence(out)]);
  }
  if (want('serve')) {
    const s = measureServe();
    rows.push(...s.rows);
    if (s.output) extras.push(['bench/bench_serve.py output', fence(s.output)]);
  }
  if (want('idbfs')) rows.push(...await measureSync());   // sync to serve.py and IDBFS saves, on a phone
  if (want('size')) {
    const s = sizeSection();
    rows.push(...s.rows);
    if (s.markdown) extras.push(['What pasar.wasm is made of', s.markdown]);
  }

  const elapsedS = (Date.now() - started) / 1000;
  machine.load_end = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  machine.date = new Date().toISOString().slice(0, 10);
  console.log();
  console.log(table(rows));
  const n = notes(rows);
  if (n) console.log(`\n${n}`);
  console.log(`\nwhole run ${(elapsedS / 60).toFixed(1)} min; load average at start ${machine.load_start}, at end ${machine.load_end}`);
  if (opts.write) {
    const file = path.join(ROOT, 'bench', 'results', `${machine.date}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, resultsFile(machine, rows, extras, elapsedS, opts));
    console.log(`results written to ${path.relative(ROOT, file)}`);
  }
  const bad = rows.filter((r) => r.status === 'failed');
  if (bad.length) {
    console.error(`\n${bad.length} figure(s) could not be measured although their part exists:`);
    for (const r of bad) console.error(`  ${r.figure}: ${r.reason}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
