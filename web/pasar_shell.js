// The page side of Pasar Daring's browser glue (the C++ side is src/platform/browser_web.cpp).
// It owns: the semantics mirror (invisible DOM elements over the canvas), focusing a text field's <input>
// inside the tap's own event handler (that is what opens a phone's soft keyboard), browser history,
// fetches for the app, the sync POST, and counters that tests and benchmarks read
// (window.pasar). Events for the app go in as Intents through one entry, Module._pasar_on_intent (kind
// name, id, text, number); src/app/intents.h says what each one means. The store on the phone (IDBFS, the
// Web Lock) is web/pasar_store.js, created here once.
'use strict';
(function () {
  var canvas = document.getElementById('canvas');
  var mirror = document.getElementById('mirror');
  var ready = false;
  var elements = new Map();   // mirror id -> element
  var items = [];             // last item list, in drawing order
  // settling: another frame is coming (something moves, or input just arrived), so boxes may still change.
  var stats = { frames: 0, drawCalls: 0, lastDrawCalls: 0, mirrorUpdates: 0, booted: false, settling: true };
  window.pasar = stats;
  stats.items = function () { return items.slice(); };

  function call(name, types, args) {
    if (!ready) return;
    Module.ccall(name, null, types, args);
  }

  function makeElement(item) {
    var el;
    if (item.role === 'textbox') {
      el = document.createElement('input');
      // type=search would expose role "searchbox"; the mirror promises "textbox", so search fields are
      // text inputs with the keyboard's search key instead.
      el.type = item.input === 'tel' ? 'tel' : 'text';
      if (item.input === 'search') el.enterKeyHint = 'search';
      if (item.input === 'numeric') el.inputMode = 'decimal';
      if (item.input === 'name') el.autocomplete = 'name';
      el.autocapitalize = item.input === 'name' ? 'words' : 'sentences';
      el.spellcheck = false;
      el._sent = item.value || '';
      el.value = el._sent;
      el.addEventListener('input', function () {
        el._sent = el.value;
        call('pasar_on_text', ['string', 'string'], [el.dataset.id, el.value]);
      });
      el.addEventListener('compositionend', function () {
        el._sent = el.value;
        call('pasar_on_text', ['string', 'string'], [el.dataset.id, el.value]);
      });
      el.addEventListener('focus', function () { call('pasar_on_field_focus', ['string', 'number'], [el.dataset.id, 1]); });
      el.addEventListener('blur', function () { call('pasar_on_field_focus', ['string', 'number'], [el.dataset.id, 0]); });
      el.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === 'Escape') el.blur(); });
    } else if (item.role === 'heading') {
      el = document.createElement('h2');
    } else if (item.role === 'status') {
      el = document.createElement('p');
      el.setAttribute('role', 'status');
    } else {
      el = document.createElement(item.role === 'link' ? 'a' : 'button');
      if (item.role === 'link') { el.setAttribute('role', 'link'); el.tabIndex = 0; }
      if (item.role === 'tab') el.setAttribute('role', 'tab');
      if (el.tagName === 'BUTTON') el.type = 'button';
      el.addEventListener('click', function (e) {
        e.preventDefault();
        call('pasar_on_activate', ['string'], [el.dataset.id]);
      });
      el.addEventListener('keydown', function (e) {
        if (el.tagName === 'A' && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); el.click(); }
      });
    }
    el.dataset.id = item.id;
    el.dataset.role = item.role;
    return el;
  }

  function applyItem(el, item) {
    var s = el.style;
    s.left = item.x + 'px'; s.top = item.y + 'px'; s.width = item.w + 'px'; s.height = item.h + 'px';
    if (item.role === 'heading' || item.role === 'status') {
      if (el.textContent !== item.name) el.textContent = item.name;
    } else if (el.getAttribute('aria-label') !== item.name) {
      el.setAttribute('aria-label', item.name);
    }
    if (item.disabled) el.setAttribute('aria-disabled', 'true'); else el.removeAttribute('aria-disabled');
    if (item.role === 'tab') el.setAttribute('aria-selected', item.selected ? 'true' : 'false');
    else if (item.selected) el.setAttribute('aria-pressed', 'true'); else el.removeAttribute('aria-pressed');
    if (item.off) el.dataset.off = '1'; else delete el.dataset.off;
    if (item.role === 'textbox') {
      var v = item.value || '';
      // The <input> is the source of truth while the buyer types; the app overrides it only when it
      // changed the value itself (e.g. "clear search"), never in the middle of an IME composition.
      if (v !== el._sent && !el._composing) { el.value = v; el._sent = v; }
    }
  }

  function mirrorUpdate(encoded) {
    var doc = JSON.parse(encoded);
    items = doc.items;
    stats.mirrorUpdates++;
    var seen = new Set();
    var prev = null;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      seen.add(item.id);
      var el = elements.get(item.id);
      if (!el || el.dataset.role !== item.role) {
        if (el) el.remove();
        el = makeElement(item);
        elements.set(item.id, el);
      }
      applyItem(el, item);
      // Keep DOM order equal to drawing order: that is the reading order of a screen reader.
      var want = prev ? prev.nextSibling : mirror.firstChild;
      if (want !== el) mirror.insertBefore(el, want);
      prev = el;
    }
    elements.forEach(function (el, id) {
      if (!seen.has(id)) { el.remove(); elements.delete(id); }
    });
    ownTabs();
  }

  // ARIA tabs live in a tablist. The mirror stays one flat layer of positioned elements, so one tablist
  // element owns the tabs (aria-owns) instead of holding them; it sits after the items in DOM order.
  var tablist = null;
  function ownTabs() {
    var ids = [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].role !== 'tab') continue;
      var el = elements.get(items[i].id);
      if (!el.id) el.id = 'mirror-' + items[i].id.replace(/[^A-Za-z0-9_-]/g, '-');
      ids.push(el.id);
    }
    if (!ids.length) { if (tablist && tablist.parentNode) tablist.remove(); return; }
    if (!tablist) {
      tablist = document.createElement('div');
      tablist.setAttribute('role', 'tablist');
      tablist.setAttribute('aria-label', 'Menu');
    }
    var owns = ids.join(' ');
    if (tablist.getAttribute('aria-owns') !== owns) tablist.setAttribute('aria-owns', owns);
    if (tablist.parentNode !== mirror || tablist.nextSibling) mirror.appendChild(tablist);
  }

  // A tap on the canvas where a text field is drawn focuses that field's <input> in the same event
  // handler, so the phone opens its keyboard; a tap elsewhere closes the keyboard.
  function pointInCanvas(clientX, clientY) {
    var r = canvas.getBoundingClientRect();
    return { x: clientX - r.left, y: clientY - r.top };
  }
  function focusFieldAt(clientX, clientY) {
    var p = pointInCanvas(clientX, clientY);
    for (var i = items.length - 1; i >= 0; i--) {
      var it = items[i];
      if (it.role !== 'textbox' || it.off || it.disabled) continue;
      if (p.x >= it.x && p.x < it.x + it.w && p.y >= it.y && p.y < it.y + it.h) {
        var el = elements.get(it.id);
        if (el && document.activeElement !== el) {
          el.focus({ preventScroll: true });
          var n = el.value.length;
          try { el.setSelectionRange(n, n); } catch (e) { /* type=search in some engines */ }
        }
        return true;
      }
    }
    var active = document.activeElement;
    if (active && active.tagName === 'INPUT' && mirror.contains(active)) active.blur();
    return false;
  }
  // A lost WebGL context can only come back if the loss event is cancelled; the app rebuilds its GL objects
  // on webglcontextrestored (src/platform/main_web.cpp).
  canvas.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);
  var touchStart = null;
  canvas.addEventListener('touchstart', function (e) {
    var t = e.changedTouches[0];
    touchStart = { x: t.clientX, y: t.clientY };
  }, { capture: true, passive: true });
  canvas.addEventListener('touchend', function (e) {
    var t = e.changedTouches[0];
    // A drag that scrolled the list is not a tap on a field.
    if (touchStart && Math.abs(t.clientX - touchStart.x) < 10 && Math.abs(t.clientY - touchStart.y) < 10) {
      focusFieldAt(t.clientX, t.clientY);
    }
    touchStart = null;
  }, { capture: true, passive: true });
  canvas.addEventListener('mouseup', function (e) { if (e.button === 0) focusFieldAt(e.clientX, e.clientY); }, true);
  mirror.addEventListener('compositionstart', function (e) { e.target._composing = true; }, true);
  mirror.addEventListener('compositionend', function (e) { e.target._composing = false; }, true);

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

  // kind: an IntentKind's name; text: a string or bytes (a file's content).
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
    var request = fetch('api/sync', {
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
    mirrorUpdate: mirrorUpdate,
    historyPush: function (hash) { history.pushState({ pasarDepth: depth() + 1 }, '', hash); },
    historyReplace: function (hash) { history.replaceState({ pasarDepth: depth() }, '', hash); },
    historyBack: function (fallback) {
      if (depth() > 0) { history.back(); return; }
      history.replaceState({ pasarDepth: 0 }, '', fallback);
      call('pasar_on_route', ['string'], [fallback]);
    },
    fetchFile: function (id, url) {
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
