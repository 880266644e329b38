// The C++ micro-benchmarks, native and as wasm under node (built by bench/run.sh into the project's build
// trees): search as you type over 20,160 products (bench_search.cpp), the wasm heap with those products
// loaded (bench_heap.cpp), and the core helper's bench_core.cpp when it exists (its output is kept whole).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, failed, log, mb, notMeasured, row, us } from './lib/common.mjs';

const SECTION = 'core';
export const NATIVE_DIR = process.env.PASAR_BENCH_NATIVE_DIR || path.join(ROOT, 'build', 'native');
export const EM_DIR = process.env.PASAR_BENCH_EM_DIR || path.join(ROOT, 'build', 'em');
const NODE_DIR = path.join(EM_DIR, 'bench', 'node');

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600000, maxBuffer: 64 << 20,
    env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  const out = (r.stdout || '') + (r.stderr ? `\n${r.stderr}` : '');
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${out.slice(-600)}`);
  return r.stdout;
}
const wasmRun = (script, args) => run('node', ['--no-experimental-fetch', path.join(NODE_DIR, script), ...args], NODE_DIR);

function benchJson(stdout, kind) {
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`no BENCH_JSON line from ${kind}`);
  return JSON.parse(line.slice('BENCH_JSON '.length));
}

function searchRow(label, result, target) {
  const r = result.ranked, n = result.naive;
  return row(SECTION, `search as you type, ${result.products.toLocaleString('en')} products, ${label}, per keystroke`, {
    value: `median ${us(r.median_us)}, p99 ${us(r.p99_us)}`, target,
    baseline: `substring scan: median ${us(n.median_us)}, p99 ${us(n.p99_us)}`,
    note: `${result.keystrokes} keystrokes x ${result.rounds} rounds; index built in ${result.index_ms.toFixed(0)} ms`,
    detail: result });
}

export function measureSearch() {
  const rows = [], outputs = {};
  for (const [label, target, exec] of [
    ['wasm (-Oz, node)', '<= 1 ms, ranked', () => wasmRun('bench_search.js', ['10'])],
    ['native (g++)', '(wasm is the target)', () => run(path.join(NATIVE_DIR, 'pasar_bench_search'), ['10'], ROOT)],
  ]) {
    const figure = `search as you type, ${label}`;
    try {
      log(`core: search benchmark, ${label}`);
      const out = exec();
      outputs[label] = out;
      rows.push(searchRow(label, benchJson(out, figure), target));
    } catch (e) {
      rows.push(failed(SECTION, figure, target, e));
    }
  }
  return { rows, outputs };
}

export function measureHeap() {
  const figure = 'wasm heap with 20,160 products loaded (catalogue + search index)';
  const target = '<= 32 MB';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-heap-'));
  try {
    log('core: wasm heap benchmark');
    fs.mkdirSync(path.join(dir, 'markets'));
    wasmRun('bench_heap.js', ['write', dir]);
    const loaded = benchJson(wasmRun('bench_heap.js', ['load', dir]), 'bench_heap load');
    const empty = benchJson(wasmRun('bench_heap.js', ['empty']), 'bench_heap empty');
    return [row(SECTION, figure, {
      value: `malloc high-water ${mb(loaded.malloc_high_water_bytes)}, wasm memory ${mb(loaded.memory_bytes)}`,
      target, baseline: `empty run: high-water ${mb(empty.malloc_high_water_bytes)}, memory ${mb(empty.memory_bytes)}`,
      note: `still allocated after loading ${mb(loaded.allocated_bytes)}; decode of the ${loaded.products} ` +
        `products file by file + index build took ${(loaded.load_ms / 1000).toFixed(1)} s in wasm; ` +
        'wasm memory starts at the app\'s INITIAL_MEMORY (16 MB) and never shrinks',
      detail: { loaded, empty } })];
  } catch (e) {
    return [failed(SECTION, figure, target, e)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// bench_core.cpp belongs to the core helper; its figures are kept as printed.
export function measureBenchCore() {
  const figure = "core helper's bench_core (search/decode), native and wasm";
  if (!fs.existsSync(path.join(ROOT, 'bench', 'bench_core.cpp'))) {
    return { rows: [notMeasured(SECTION, figure, '', 'bench/bench_core.cpp does not exist yet')], outputs: {} };
  }
  const outputs = {};
  try {
    log('core: bench_core native');
    outputs.native = run(path.join(NATIVE_DIR, 'pasar_bench_core'), [], ROOT);
    log('core: bench_core wasm');
    outputs.wasm = wasmRun('bench_core.js', []);
    return { rows: [row(SECTION, figure, { value: 'ran; output in the results file', target: '', baseline: '' })], outputs };
  } catch (e) {
    return { rows: [failed(SECTION, figure, '', e)], outputs };
  }
}
