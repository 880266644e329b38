// The machine and software a benchmark run measured on, for the results file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { ROOT } from './common.mjs';

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = (cpuinfo.match(/model name\s*:\s*(.+)/) || [])[1] || os.cpus()[0]?.model || 'unknown';
  const mhz = (cpuinfo.match(/cpu MHz\s*:\s*(.+)/) || [])[1];
  const debian = fs.existsSync('/etc/debian_version') ? fs.readFileSync('/etc/debian_version', 'utf8').trim() : 'unknown';
  const dirty = tryRun('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu: `${model.trim()}${mhz ? ` (${Math.round(+mhz)} MHz)` : ''}`,
    cores: os.cpus().length,
    memory_gb: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `Debian ${debian}, Linux ${os.release()}`,
    chromium: tryRun('/usr/bin/chromium', ['--version']),
    node: process.version,
    emcc: tryRun('emcc', ['--version']).split('\n')[0],
    gxx: tryRun('g++', ['--version']).split('\n')[0],
    python: tryRun('python3', ['--version']),
    commit: `${tryRun('git', ['rev-parse', '--short', 'HEAD'])}${dirty && dirty !== 'unknown' ? ' + uncommitted changes in the tree' : ''}`,
    load_start: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}
