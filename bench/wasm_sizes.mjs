// What a wasm file is made of: bytes per section, and code bytes per function grouped by origin, read
// from a build that keeps function names (--profiling-funcs; cmake/bench_web.cmake's pasar_bench_named).
// Usage as a script: node bench/wasm_sizes.mjs file.wasm
import fs from 'node:fs';

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'datacount'];

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; }, set pos(v) { pos = v; },
    u8: () => buf[pos++],
    uleb() { let result = 0, shift = 0, b; do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return result; },
    str() { const n = r.uleb(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; },
  };
  return r;
}

export function analyzeWasm(file) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm file`);
  const r = reader(buf);
  r.pos = 8;
  const sections = [];
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  while (r.pos < buf.length) {
    const id = r.u8();
    const size = r.uleb();
    const start = r.pos;
    let name = SECTION_NAMES[id] || `id${id}`;
    if (id === 0) {
      const custom = r.str();
      name = `custom:${custom}`;
      if (custom === 'name') {
        while (r.pos < start + size) {
          const sub = r.u8();
          const subSize = r.uleb();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.uleb();
            for (let i = 0; i < count; i++) { const idx = r.uleb(); names.set(idx, r.str()); }
          }
          r.pos = subEnd;
        }
      }
    } else if (id === 2) {
      const count = r.uleb();
      for (let i = 0; i < count; i++) {
        r.str(); r.str();
        const kind = r.u8();
        if (kind === 0) { r.uleb(); importedFuncs++; } else if (kind === 1) { r.u8(); const f = r.u8(); r.uleb(); if (f & 1) r.uleb(); } else if (kind === 2) { const f = r.u8(); r.uleb(); if (f & 1) r.uleb(); } else if (kind === 3) { r.u8(); r.u8(); }
      }
    } else if (id === 10) {
      const count = r.uleb();
      for (let i = 0; i < count; i++) { const n = r.uleb(); bodies.push(n); r.pos += n; }
    }
    sections.push({ name, bytes: size });
    r.pos = start + size;
  }
  const functions = bodies.map((bytes, i) => ({ name: names.get(importedFuncs + i) || `func${importedFuncs + i}`, bytes }));
  return { bytes: buf.length, sections, functions };
}

// Where a function comes from, by its (demangled) name.
export function originOf(name) {
  if (/nlohmann|json_abi|basic_json|\bjson\b/.test(name)) return 'nlohmann_json';
  if (/^(ImGui|Im[A-Z]|stbtt|stbrp|stb_|ImStb|STB_)/.test(name) || /\bImGui/.test(name)) return 'Dear ImGui (+ stb)';
  if (/^pasar::(Gfx|\(anonymous namespace\)::Gfx)|renderer_gl|^pasar::.*Gfx/.test(name)) return 'pasar: gfx';
  if (/^pasar::/.test(name)) return 'pasar: core/app/ui/platform';
  if (/^std::|^void std::|__cxx|__cxa|__gxx|operator new|operator delete|^std::__2/.test(name) || /std::__2::/.test(name)) return 'C++ standard library';
  if (/^(dlmalloc|dlfree|malloc|free|memcpy|memset|memmove|strlen|printf|vfprintf|fmt_|__|emscripten|sbrk|qsort|strto|frexp|pop_arg|fwrite|out|pad|getint|sn?printf|vsn?printf|fmod|pow|sin|cos|exp|log|floor|ceil|sqrt|atan|acos|stackSave|stackRestore|stackAlloc)/.test(name)) return 'libc / emscripten runtime';
  if (/^(main|legalstub|dynCall|invoke_|orig\$)/.test(name)) return 'entry / glue';
  return 'other (inlined templates, lambdas, unnamed)';
}

export function breakdown(analysis, top = 12) {
  const code = analysis.sections.find((s) => s.name === 'code');
  const groups = new Map();
  for (const f of analysis.functions) {
    const g = originOf(f.name);
    const e = groups.get(g) || { group: g, bytes: 0, count: 0 };
    e.bytes += f.bytes; e.count++;
    groups.set(g, e);
  }
  return {
    sections: analysis.sections,
    code_bytes: code ? code.bytes : 0,
    groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes),
    largest: [...analysis.functions].sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}

export function breakdownMarkdown(b, realWasmBytes) {
  const k = (n) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [];
  lines.push(`Sections of the named build (the served pasar.wasm is ${k(realWasmBytes)}; the named build adds a` +
    ' name section and keeps the same code):', '', '| section | bytes |', '|---|---:|');
  for (const s of b.sections) lines.push(`| ${s.name} | ${k(s.bytes)} |`);
  lines.push('', 'Code section by origin (function body bytes):', '', '| origin | functions | bytes | share |', '|---|---:|---:|---:|');
  for (const g of b.groups) lines.push(`| ${g.group} | ${g.count} | ${k(g.bytes)} | ${((100 * g.bytes) / b.code_bytes).toFixed(0)}% |`);
  lines.push('', 'Largest functions:', '', '| function | bytes |', '|---|---:|');
  for (const f of b.largest) lines.push(`| \`${f.name.slice(0, 110).replace(/\|/g, '\\|')}\` | ${k(f.bytes)} |`);
  return lines.join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('wasm_sizes.mjs') && process.argv[2]) {
  const b = breakdown(analyzeWasm(process.argv[2]), 20);
  console.log(breakdownMarkdown(b, fs.statSync(process.argv[2]).size));
}
