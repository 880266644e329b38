// serve.py instances for the benchmark. The app and the empty baseline use tests/browser/lib.mjs's
// startServer (a copy of the seeded data folder); a server on another catalogue needs a fresh data folder
// of its own (first start seeds it), which startOwnServer makes and removes. Both start serve.py through
// tools/serve_launcher.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED_PIN, WEB_DIR } from '../../tests/browser/lib.mjs';
import { spawnServe, stopServe } from '../../tools/serve_launcher.mjs';

export async function startOwnServer(extraArgs) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-data-'));
  const { proc, url: urlPromise } = spawnServe(dataDir, ['--web-dir', WEB_DIR, '--seed-pin', SEED_PIN, ...extraArgs]);
  let url;
  try {
    url = await urlPromise;
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      await stopServe(proc);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
