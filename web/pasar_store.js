// The store on the phone for Pasar Daring's browser glue: the app's files in IndexedDB through Emscripten's
// IDBFS, one writer tab under a Web Lock, and the reports the app waits for (StoreFile, StoreLoaded,
// StoreSaved, OtherTab). web/pasar_shell.js creates it once with window.pasarCreateStore(env) and forwards the
// app's store calls to it. The file system itself is Module['pasarFs'] (src/platform/store_fs_post.js, built
// into pasar.js, which also patches Emscripten's IDBFS).
//
// THE NAMES are the app's own (cmake/apps.cmake; the buyer's shown here): the page's <html data-db> is the
// IDBFS mount point and so the IndexedDB database ('/pasar'), <html data-lock> the Web Lock and the
// BroadcastChannel ('pasar-store'). Another app of the same origin (the stall's at /lapak/) has its own, so
// its tabs never wait for, take over or overwrite the buyer's store.
//
// THE STORE (IDBFS mounted at data-db; Emscripten 3.1.6, see docs TOOLCHAIN item 7)
//   One tab owns it: the one holding the Web Lock data-lock, taken at start with ifAvailable and kept
//   for the page's life. IDBFS's persist makes IndexedDB equal to the tab's memory, deleting files the tab
//   lacks, so a tab without the lock never mounts, reads, writes or syncs; it reports OtherTab(1). Its
//   "use here" (take_over) queues for the lock and asks the holder over BroadcastChannel(data-lock)
//   to let go: the holder flushes, releases and reloads (so it comes back as the other tab).
//   Holder start: mount, populate (syncfs(true)), then StoreFile per file, StoreLoaded, OtherTab(0).
//   A failed populate (private mode, no IndexedDB) reports StoreLoaded(1) and then NEVER persists:
//   a persist from a half-populated folder would delete the stored files.
//   Writes: <name>.tmp then rename, with a per-file mtime that always moves forward (IDBFS copies a file
//   only when its mtime differs). Then one syncfs(false) in flight at a time: 250 ms after the first
//   unsaved write, at once for flush_now, on visibilitychange->hidden and pagehide; when it ends
//   StoreSaved(generation written before it started, or the last durable one with an error code). After a
//   failure the folder stays dirty and is retried on the next write or flush, on hide, and after 10 s.
//   Patches to library_idbfs.js (src/platform/store_fs_post.js): its IndexedDB callbacks pass
//   `this.error` (undefined in its arrow functions), so a failed put was reported as success and a
//   transaction aborted at commit (QuotaExceededError) never called back at all; FS.rename over an existing
//   file leaves the old node (and its bytes) in FS's name hash. A watchdog ends a syncfs that never answers.
'use strict';
// env: pushIntent(kind, id, text, number) and errorWords(err) / errorCode(err) from the shell, and stats, the
// window.pasar counters (the store adds lastSaveMs, saves, saveErrors and store()).
window.pasarCreateStore = function (env) {
  var pushIntent = env.pushIntent, errorWords = env.errorWords, errorCode = env.errorCode, stats = env.stats;

  // ---- the names (stamped into the page per app) --------------------------------------------------------
  var names = document.documentElement.dataset;
  if (!/^\/[a-z]+$/.test(names.db || '') || !/^[a-z]+-store$/.test(names.lock || '')) {
    throw new Error('pasar_store.js: the page names no store (<html data-db="/key" data-lock="key-store">)');
  }

  // ---- the store ---------------------------------------------------------------------------------------
  var STORE_DIR = names.db;
  var SAVE_DEBOUNCE_MS = 250;
  var SAVE_RETRY_MS = 10000;
  var SYNCFS_WATCHDOG_MS = 30000;
  var store = {
    fs: null,         // Module['pasarFs'] once mounting starts (pasar.js has run by then)
    state: 'none',    // none | mounting | ready | failed | other (another tab) | closing | closed
    whyFailed: '',
    mtimes: {},       // file name -> last mtime given (ms)
    writtenGen: 0,    // highest save generation whose files are in the folder
    savedGen: 0,      // highest generation IndexedDB confirmed
    dirty: false,     // the folder holds writes IndexedDB has not confirmed
    inFlight: false,
    lastFailed: false,
    again: false,     // a flush was asked while a sync was running: run the next one at once
    timer: 0,         // debounce or retry timer
    writeError: null, // a write into the folder failed since the last report
    held: [],         // writes that came before the folder was ready: [[name, bytes]], then gen/flush
    heldGen: 0,
    heldFlush: false,
    idle: [],         // resolvers waiting for "nothing dirty, nothing in flight"
    loaded: null,     // Promise: the start path ended (ready, failed or other)
  };
  stats.lastSaveMs = 0;   // duration of the last syncfs(false), for the benchmark
  stats.saves = 0;        // syncfs(false) runs finished (ok or not)
  stats.saveErrors = 0;
  stats.store = function () {
    return { state: store.state, writtenGen: store.writtenGen, savedGen: store.savedGen, dirty: store.dirty,
      inFlight: store.inFlight, due: store.timer !== 0, holder: lock.held, whyFailed: store.whyFailed };
  };

  // syncfs with a watchdog: IndexedDB that never answers counts as a failure (a late answer is ignored).
  function syncfs(populate, callback) {
    var answered = false;
    var watchdog = setTimeout(function () {
      if (answered) return;
      answered = true;
      callback(new Error('IndexedDB did not answer in ' + SYNCFS_WATCHDOG_MS / 1000 + ' s'));
    }, SYNCFS_WATCHDOG_MS);
    try {
      store.fs['syncfs'](populate, function (err) {
        if (answered) return;
        answered = true;
        clearTimeout(watchdog);
        callback(err || null);
      });
    } catch (e) {
      if (!answered) { answered = true; clearTimeout(watchdog); callback(e); }
    }
  }

  function storeMount() {
    if (store.state !== 'none') return store.loaded;
    store.state = 'mounting';
    var fs = store.fs = Module['pasarFs'];
    store.loaded = new Promise(function (resolve) {
      var failed = function (err) {
        store.state = 'failed';
        store.whyFailed = errorWords(err);
        console.warn('Pasar Daring: IndexedDB unavailable, nothing is kept on this phone:', store.whyFailed);
        pushIntent('StoreLoaded', '', '', 1);
        pushIntent('OtherTab', '', '', 0);
        dropHeld('IndexedDB unavailable: ' + store.whyFailed);
        resolve();
      };
      try {
        fs['mount'](STORE_DIR);
      } catch (e) {
        failed(e);
        return;
      }
      syncfs(true, function (err) {
        if (err) { failed(err); return; }
        store.state = 'ready';
        var names = [];
        try {
          names = fs['readdir'](STORE_DIR).filter(function (n) { return !/\.tmp$/.test(n); });
        } catch (e) { /* empty */ }
        names.sort().forEach(function (name) {
          var path = STORE_DIR + '/' + name;
          try {
            var mtime = fs['fileMtimeMs'](path);
            if (mtime < 0) return;
            store.mtimes[name] = mtime;
            pushIntent('StoreFile', name, fs['readFile'](path), 0);
          } catch (e) {
            console.warn('Pasar Daring: could not read', name, errorWords(e));
          }
        });
        pushIntent('StoreLoaded', '', '', 0);
        pushIntent('OtherTab', '', '', 0);
        applyHeld();
        resolve();
      });
    });
    return store.loaded;
  }

  function writeFile(name, bytes) {
    var now = Date.now(), last = store.mtimes[name] || 0;
    var mtime = now > last ? now : last + 1;
    store.fs['writeFile'](STORE_DIR, name, bytes, mtime);   // <name>.tmp, then a rename over <name>
    store.mtimes[name] = mtime;
  }

  function validName(name) {
    return name.length > 0 && name.length < 200 && name.indexOf('/') < 0 && name !== '.' && name !== '..' &&
      !/\.tmp$/.test(name);
  }

  function storeWrite(name, bytes) {
    if (store.state === 'none' || store.state === 'mounting') {
      store.held.push([name, bytes.slice()]);   // HEAPU8 view: copy now
      return;
    }
    if (store.state !== 'ready' && store.state !== 'closing') return;
    if (!validName(name)) { store.writeError = store.writeError || new Error('bad file name ' + name); return; }
    try {
      writeFile(name, bytes);
    } catch (e) {
      store.writeError = store.writeError || e;
    }
  }

  function storeWritten(generation, flushNow) {
    if (store.state === 'none' || store.state === 'mounting') {
      store.heldGen = Math.max(store.heldGen, generation);
      store.heldFlush = store.heldFlush || flushNow;
      return;
    }
    if (store.state === 'failed' || store.state === 'other') {
      pushIntent('StoreSaved', store.state === 'other' ? 'another tab holds the store'
        : 'IndexedDB unavailable: ' + store.whyFailed, 'io', store.savedGen);
      return;
    }
    if (store.state !== 'ready' && store.state !== 'closing') return;
    store.dirty = true;
    if (store.writeError) {
      // This generation is not all in the folder: say so; what was written still goes with the next sync.
      var err = store.writeError;
      store.writeError = null;
      pushIntent('StoreSaved', errorWords(err), errorCode(err), store.savedGen);
      scheduleSave(SAVE_DEBOUNCE_MS);
      return;
    }
    store.writtenGen = Math.max(store.writtenGen, generation);
    if (flushNow) storeFlush(); else scheduleSave(SAVE_DEBOUNCE_MS);
  }

  function applyHeld() {
    var held = store.held;
    store.held = [];
    if (!held.length) return;
    held.forEach(function (w) { storeWrite(w[0], w[1]); });
    storeWritten(store.heldGen, store.heldFlush);
    store.heldGen = 0;
    store.heldFlush = false;
  }

  function dropHeld(why) {
    var had = store.held.length > 0;
    store.held = [];
    store.heldFlush = false;
    store.heldGen = 0;
    if (had) pushIntent('StoreSaved', why, 'io', 0);
  }

  function scheduleSave(ms) {
    if (store.timer) return;   // already due: a write never pushes a due save further away
    store.timer = setTimeout(function () { store.timer = 0; storeFlush(); }, ms);
  }

  // Starts a sync now if anything is unsaved (or marks one to follow the running sync).
  function storeFlush() {
    if (store.state !== 'ready' && store.state !== 'closing') return;
    if (store.timer) { clearTimeout(store.timer); store.timer = 0; }
    if (!store.dirty) { settleIdle(); return; }
    if (store.inFlight) { store.again = true; return; }
    var generation = store.writtenGen;
    store.dirty = false;
    store.again = false;
    store.inFlight = true;
    var t0 = performance.now();
    syncfs(false, function (err) {
      store.inFlight = false;
      store.lastFailed = !!err;
      stats.lastSaveMs = performance.now() - t0;
      stats.saves++;
      if (err) {
        stats.saveErrors++;
        store.dirty = true;
        console.warn('Pasar Daring: saving on this phone failed:', errorWords(err));
        pushIntent('StoreSaved', errorWords(err), errorCode(err), store.savedGen);
        scheduleSave(SAVE_RETRY_MS);
        settleIdle();
        return;
      }
      store.savedGen = Math.max(store.savedGen, generation);
      pushIntent('StoreSaved', '', '', generation);
      if (store.dirty) {
        if (store.again || store.state === 'closing') storeFlush(); else scheduleSave(SAVE_DEBOUNCE_MS);
      } else {
        settleIdle();
      }
    });
  }

  // Resolves when nothing is dirty and nothing is in flight, or when the last sync failed.
  function storeIdle() {
    return new Promise(function (resolve) {
      store.idle.push(resolve);
      settleIdle();
    });
  }
  function settleIdle() {
    if (store.inFlight || (store.dirty && !store.lastFailed)) return;
    var waiting = store.idle;
    store.idle = [];
    waiting.forEach(function (r) { r(); });
  }

  function flushOnHide() {
    if (store.state === 'ready' && store.dirty) storeFlush();
  }
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushOnHide(); });
  window.addEventListener('pagehide', flushOnHide);

  // ---- the store lock (one tab owns the store) ---------------------------------------------------------
  var LOCK_NAME = names.lock;
  var lock = { held: false, waiting: false, release: null, channel: null, releasing: false };

  function holdLock() {
    lock.held = true;
    lock.waiting = false;
    storeMount();
    return new Promise(function (resolve) { lock.release = resolve; });   // held until released
  }

  function startStore() {
    if ('BroadcastChannel' in window) {
      lock.channel = new BroadcastChannel(LOCK_NAME);
      lock.channel.onmessage = function (e) {
        if (e.data && e.data.type === 'release' && lock.held) releaseAndReload();
      };
    }
    if (!navigator.locks || !navigator.locks.request) { lock.held = true; storeMount(); return; }
    navigator.locks.request(LOCK_NAME, { ifAvailable: true }, function (granted) {
      if (!granted) {
        store.state = 'other';
        pushIntent('OtherTab', '', '', 1);
        return null;
      }
      return holdLock();
    }).catch(function (err) {
      // Locks refused (an opaque origin, a sandbox): there is nobody to share with, so act as the holder.
      console.warn('Pasar Daring: Web Locks refused, using the store without a lock:', errorWords(err));
      if (!lock.held && store.state === 'none') { lock.held = true; storeMount(); }
    });
  }

  // "Use the app in this tab": queue for the lock first, then ask the holder to let go.
  function takeOver() {
    if (lock.held || lock.waiting) return;
    if (!navigator.locks || !navigator.locks.request) { lock.held = true; store.state = 'none'; storeMount(); return; }
    lock.waiting = true;
    navigator.locks.request(LOCK_NAME, function () {
      store.state = 'none';
      return holdLock();
    }).catch(function (err) { lock.waiting = false; console.warn('Pasar Daring: take-over failed:', errorWords(err)); });
    if (lock.channel) lock.channel.postMessage({ type: 'release' });
  }

  // Another tab takes over: finish the start, save what is unsaved, let go of the lock, and come back as
  // the other tab.
  function releaseAndReload() {
    if (lock.releasing) return;
    lock.releasing = true;
    Promise.resolve(store.loaded).then(function () {
      if (store.state === 'ready') {
        store.state = 'closing';
        if (store.dirty) storeFlush();
        return storeIdle();
      }
    }).then(function () {
      store.state = 'closed';
      lock.held = false;
      if (lock.release) lock.release();
      location.reload();
    });
  }

  return {
    start: startStore,
    write: storeWrite,
    written: storeWritten,
    flushIfDirty: function () { if (store.state === 'ready' && store.dirty) storeFlush(); },
    takeOver: takeOver,
  };
};
