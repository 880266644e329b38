// The one launcher of serve.py for node scripts (tests/browser/lib.mjs, bench/lib/server.mjs): starts it on
// a free loopback port (--port 0), learns the URL from its start-up line, stops it with SIGTERM, and
// fingerprints the server's sources so a seeded data folder made by an older server is not reused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const START_TIMEOUT_MS = 300000;  // a first start seeds every account with a slow password hash

// Starts `python3 serve.py --port 0 --data-dir dataDir ...args`; returns { proc, url } where url is a
// promise of 'http://127.0.0.1:PORT' that rejects if the server exits or says nothing in time.
export function spawnServe(dataDir, args = []) {
  const proc = spawn('python3', ['-u', path.join(ROOT, 'serve.py'), '--port', '0', '--data-dir', dataDir, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out.slice(-800)}`)), START_TIMEOUT_MS);
    const onData = (d) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${out.slice(-800)}`)); });
  });
  url.catch(() => {});  // a caller that stops the server before it started must not see an unhandled rejection
  return { proc, url };
}

// SIGTERM, then wait for the exit (serve.py closes its database cleanly on SIGTERM).
export async function stopServe(proc) {
  if (proc.exitCode === null && proc.signalCode === null) {
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
  }
}

// Feeds the server's own sources into a hash: serve.py, every module of server/, and the shared limits.
export function hashServerSources(hash) {
  const files = [path.join(ROOT, 'serve.py'), path.join(ROOT, 'assets', 'limits.json'),
    ...fs.readdirSync(path.join(ROOT, 'server')).filter((f) => f.endsWith('.py')).sort()
      .map((f) => path.join(ROOT, 'server', f))];
  for (const f of files) {
    hash.update(path.relative(ROOT, f));
    hash.update(fs.readFileSync(f));
  }
  return hash;
}
