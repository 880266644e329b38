// The page side of Pasar Daring's browser glue (the C++ side is src/platform/browser_web.cpp).
// It owns: browser history, fetches for the app, the sync POST, and counters that tests and benchmarks read
// (window.pasar). The semantics mirror (invisible DOM elements over the canvas, the <input> a tap focuses
// so the phone's keyboard opens) is web/pasar_mirror.js, created here once. Events for the app go in as
// Intents through one entry, Module._pasar_on_intent (kind name, id, text, number); src/app/intents.h says
// what each one means. The store on the phone (IDBFS, the Web Lock) is web/pasar_store.js, created here once.
// The app's names and folder come from the page (<html data-root data-db data-lock>, stamped per app by
// tools/assemble_web.cmake from cmake/apps.cmake).
'use strict';
(function () {
  var canvas = document.getElementById('canvas');
  var ready = false;
  // The site root seen from this app's folder: '' for the buyer at /, '../' for an app at /lapak/. The app
  // names the catalogue and the API from the root ('data/index.json', 'api/sync'), shared by every app.
  var ROOT = document.documentElement.dataset.root || '';
  function fromRoot(url) { return /^([a-z]+:|\/)/i.test(url) ? url : ROOT + url; }
  // settling: another frame is coming (something moves, or input just arrived), so boxes may still change.
  var stats = { frames: 0, drawCalls: 0, lastDrawCalls: 0, mirrorUpdates: 0, booted: false, settling: true };
  window.pasar = stats;

  function call(name, types, args) {
    if (!ready) return;
    Module.ccall(name, null, types, args);
  }

  // The semantics mirror (web/pasar_mirror.js).
  var mirror = window.pasarCreateMirror({ canvas: canvas, mirror: document.getElementById('mirror'), call: call,
                                         stats: stats });
  stats.items = mirror.items;

  // A lost WebGL context can only come back if the loss event is cancelled; the app rebuilds its GL objects
  // on webglcontextrestored (src/platform/main_web.cpp).
  canvas.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);

  function depth() { return (history.state && history.state.pasarDepth) || 0; }
  window.addEventListener('popstate', function () {
    call('pasar_on_route', ['string'], [location.hash]);
  });

  function deliver(id, status, bytes) {
    var n = bytes.length;
    var ptr = Module._malloc(n > 0 ? n : 1);
    Module.HEAPU8.set(bytes, ptr);
    Module._pasar_on_fetch(id, status, ptr, n);
    Module._free(ptr);
  }

  // ---- intents from the page ---------------------------------------------------------------------------
  var encoder = new TextEncoder();
  var platformStarted = false;
  var earlyIntents = [];   // pushed before main() started the platform (e.g. an update found early)
  stats.events = [];       // the last platform intents sent, for tests: {kind, id, number, text (cut;
                           // a stored file's content is not copied here, only its size)}

  function heapBytes(value) {
    var bytes = typeof value === 'string' ? encoder.encode(value) : value;
    var ptr = Module._malloc(bytes.length + 1);
    Module.HEAPU8.set(bytes, ptr);
    Module.HEAPU8[ptr + bytes.length] = 0;
    return { ptr: ptr, size: bytes.length };
  }

  // kind: the name of the app's intent struct (PlatformOnIntent in main_web.cpp reads it); text: a string
  // or bytes (a file's content).
  function pushIntent(kind, id, text, number) {
    id = id || '';
    text = text || '';
    number = number || 0;
    if (!platformStarted) { earlyIntents.push([kind, id, text, number]); return; }
    stats.settling = true;   // the app wakes for it: the next frame may move things
    stats.events.push({ kind: kind, id: id, number: number,
      text: typeof text === 'string' ? text.slice(0, 200) : text.length + ' bytes' });
    if (stats.events.length > 200) stats.events.splice(0, stats.events.length - 200);
    var k = heapBytes(kind), i = heapBytes(id), t = heapBytes(text);
    try {
      Module._pasar_on_intent(k.ptr, i.ptr, i.size, t.ptr, t.size, number);
    } finally {
      Module._free(k.ptr); Module._free(i.ptr); Module._free(t.ptr);
    }
  }

  function errorWords(err) {
    if (!err) return 'unknown error';
    if (typeof err === 'string') return err;
    var name = err.name || '';
    var message = err.message || (err.errno !== undefined ? 'errno ' + err.errno : String(err));
    return name && message.indexOf(name) < 0 ? name + ': ' + message : message;
  }

  // "quota" = storage full or refused by the browser; "io" = anything else.
  function errorCode(err) {
    var name = (err && err.name) || '';
    if (name === 'QuotaExceededError' || name === 'SecurityError') return 'quota';
    return /quota|space|storage.*(full|refused|denied|blocked)/i.test(errorWords(err)) ? 'quota' : 'io';
  }

  // ---- the store (web/pasar_store.js) --------------------------------------------------------------------
  var store = window.pasarCreateStore({ pushIntent: pushIntent, errorWords: errorWords, errorCode: errorCode,
                                       stats: stats });

  // ---- storage, sync, links, sharing, updates ----------------------------------------------------------
  function storageEstimate(askPersist) {
    var s = navigator.storage;
    if (!s || !s.estimate) { pushIntent('StorageEstimate', '', '', 0); return; }
    var asked = askPersist && s.persist ? s.persist().catch(function () { return false; }) : Promise.resolve(false);
    asked.then(function () {
      return Promise.all([s.estimate(), s.persisted ? s.persisted().catch(function () { return false; }) : false]);
    }).then(function (r) {
      pushIntent('StorageEstimate', r[1] ? 'persisted' : '', String(Math.round(r[0].quota || 0)), Math.round(r[0].usage || 0));
    }).catch(function (err) {
      console.warn('Pasar Daring: storage estimate failed:', errorWords(err));
      pushIntent('StorageEstimate', '', '', 0);
    });
  }

  var SYNC_TIMEOUT_MS = 20000;
  function retryAfterMs(value) {
    if (!value) return '';
    var v = value.trim();
    if (/^\d+$/.test(v)) return String(parseInt(v, 10) * 1000);
    var when = Date.parse(v);
    return isNaN(when) ? '' : String(Math.max(0, when - Date.now()));
  }
  stats.syncPosts = 0;
  function syncPost(body) {
    stats.syncPosts++;
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = 0, timedOut = false;
    // The abort ends the fetch (headers or body); the race also ends a fetch that ignores it.
    var guard = new Promise(function (_, reject) {
      timer = setTimeout(function () {
        timedOut = true;
        if (controller) controller.abort();
        reject(new Error('timeout'));
      }, SYNC_TIMEOUT_MS);
    });
    var request = fetch(fromRoot('api/sync'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body, credentials: 'same-origin',
      cache: 'no-store', signal: controller ? controller.signal : undefined,
    }).then(function (r) {
      return r.text().then(function (text) { return [r.status, text, retryAfterMs(r.headers.get('Retry-After'))]; });
    });
    Promise.race([request, guard]).then(function (r) {
      clearTimeout(timer);
      pushIntent('SyncReplied', r[2], r[1], r[0]);
    }, function (err) {
      clearTimeout(timer);
      var why = timedOut || (err && err.name === 'AbortError') ? 'timeout after ' + SYNC_TIMEOUT_MS / 1000 + ' s'
        : errorWords(err);
      pushIntent('SyncReplied', '', why, 0);
    });
  }

  function openUrl(url) {
    try { window.open(url, '_blank', 'noopener'); } catch (e) { console.warn('Pasar Daring: open failed:', errorWords(e)); }
  }

  function share(title, text, url) {
    try { url = new URL(url, location.href).href; } catch (e) { /* keep what the app gave */ }
    var fallback = function () { openUrl('https://wa.me/?text=' + encodeURIComponent(text + ' ' + url)); };
    if (!navigator.share) { fallback(); return; }
    var data = { title: title, text: text, url: url };
    if (navigator.canShare && !navigator.canShare(data)) { fallback(); return; }
    navigator.share(data).catch(function (err) {
      if (err && err.name === 'AbortError') return;   // the buyer closed the share sheet
      fallback();
    });
  }

  // pwa.js is a module: it can run after main() has started (pasar.js is async and may win the race on a
  // slow network), so without window.pasarPwa yet this waits for its 'pasarpwa' event. If pwa.js never
  // loads there is no service worker here, and no update to announce.
  function hookUpdates() {
    if (window.pasarPwa) {
      window.pasarPwa.onUpdateAvailable(function () { pushIntent('UpdateAvailable', '', '', 0); });
    } else {
      window.addEventListener('pasarpwa', hookUpdates, { once: true });
    }
  }

  // Called once by main() when the app is ready for intents.
  function startPlatform() {
    platformStarted = true;
    var early = earlyIntents;
    earlyIntents = [];
    early.forEach(function (a) { pushIntent(a[0], a[1], a[2], a[3]); });
    pushIntent('SetOnline', '', '', navigator.onLine === false ? 0 : 1);
    window.addEventListener('online', function () { pushIntent('SetOnline', '', '', 1); });
    window.addEventListener('offline', function () { pushIntent('SetOnline', '', '', 0); });
    hookUpdates();
    store.start();
  }

  window.pasarShell = {
    mirrorUpdate: mirror.update,
    historyPush: function (hash) { history.pushState({ pasarDepth: depth() + 1 }, '', hash); },
    historyReplace: function (hash) { history.replaceState({ pasarDepth: depth() }, '', hash); },
    historyBack: function (fallback) {
      if (depth() > 0) { history.back(); return; }
      history.replaceState({ pasarDepth: 0 }, '', fallback);
      call('pasar_on_route', ['string'], [fallback]);
    },
    fetchFile: function (id, url) {
      url = fromRoot(url);
      var early = window.pasarBoot && window.pasarBoot.take(url);   // web/boot.js
      (early || fetch(url, { credentials: 'same-origin' }).then(function (r) {
        return r.arrayBuffer().then(function (buf) { return { status: r.status, bytes: new Uint8Array(buf) }; });
      })).then(function (answer) { deliver(id, answer.status, answer.bytes); }).catch(function (err) {
        deliver(id, 0, new TextEncoder().encode(String(err && err.message || err)));
      });
    },
    publishStats: function (frames, drawCalls, last, settling) {
      stats.frames = frames; stats.drawCalls = drawCalls; stats.lastDrawCalls = last; stats.settling = settling;
    },
    booted: function () { stats.booted = true; document.body.classList.add('booted'); },
    start: startPlatform,
    storeWrite: store.write,
    storeWritten: store.written,
    storeFlush: store.flushIfDirty,
    storageEstimate: storageEstimate,
    syncPost: syncPost,
    openUrl: openUrl,
    share: share,
    applyUpdate: function () { if (window.pasarPwa) window.pasarPwa.applyUpdate(); },
    takeOver: store.takeOver,
    fatal: function (what) {
      var t = document.getElementById('boot-text');
      if (what === 'WebGL') {
        t.textContent = 'HP atau peramban ini tidak mendukung WebGL, jadi Pasar Daring tidak bisa tampil. ' +
          'Coba perbarui Chrome. (This browser does not support WebGL.)';
      } else {
        t.textContent = 'Pasar Daring gagal dimuat: ' + what + '. Muat ulang halaman ini. (Failed to load; reload the page.)';
      }
    },
  };

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onRuntimeInitialized: function () { ready = true; },
    onAbort: function (what) { window.pasarShell.fatal(String(what)); },
  };
})();
