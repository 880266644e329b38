// serve.py instances for the benchmark. The app and the empty baseline use tests/browser/lib.mjs's
// startServer (a copy of the seeded data folder); a server on another catalogue needs a fresh data folder
// of its own (first start seeds it), which startOwnServer makes and removes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './common.mjs';
import { SEED_PIN, WEB_DIR } from '../../tests/browser/lib.mjs';

export async function startOwnServer(extraArgs) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-data-'));
  const proc = spawn('python3', ['-u', path.join(ROOT, 'serve.py'), '--port', '0', '--web-dir', WEB_DIR,
    '--data-dir', dataDir, '--seed-pin', SEED_PIN, ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out.slice(-800)}`)), 300000);
    const onData = (d) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${out.slice(-800)}`)); });
  });
  return {
    url,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
