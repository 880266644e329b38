// The store's file system, linked into pasar.js with --post-js (cmake/web.cmake), so the closure compiler
// minifies it together with Emscripten's FS and IDBFS: inside this file FS, IDBFS and their members may
// use any name, because closure renames them all alike. The page (web/pasar_store.js), the tests and the
// benchmarks reach it only through Module['pasarFs'], whose names are quoted and so kept.
//
// Also here, because they replace IDBFS members: workarounds for Emscripten 3.1.6's IDBFS
// (library_idbfs.js), applied at run time when the store mounts; Emscripten's own files are not edited.
//   - IndexedDB's error callbacks passed an undefined error, so a failed write was reported as success;
//   - a transaction aborted at commit (how a full disk usually shows) never called back;
//   - success must be reported only after the transaction commits.
// getDB, getRemoteSet and reconcile are replaced so each failure reaches the callback once, with the
// real error. The entries' keys ('timestamp', 'mode', 'contents') stay quoted: they are what IndexedDB
// keeps, and library_idbfs.js quotes them too, so files saved by any build load in any other.
function pasarPatchIdbfs() {
  if (IDBFS.pasarPatched) return;
  IDBFS.pasarPatched = true;
  var NAME = IDBFS.DB_STORE_NAME;
  IDBFS.getDB = function (name, callback) {
    var db = IDBFS.dbs[name];
    if (db) return callback(null, db);
    var req;
    try {
      req = IDBFS.indexedDB().open(name, IDBFS.DB_VERSION);
    } catch (e) {
      return callback(e);
    }
    if (!req) return callback(new Error('IndexedDB unavailable'));
    req.onupgradeneeded = function (e) {
      var upgraded = e.target.result;
      var fileStore = upgraded.objectStoreNames.contains(NAME) ? e.target.transaction.objectStore(NAME)
        : upgraded.createObjectStore(NAME);
      if (!fileStore.indexNames.contains('timestamp')) fileStore.createIndex('timestamp', 'timestamp', { unique: false });
    };
    req.onsuccess = function () {
      var opened = req.result;
      // Closed under us (storage cleared, version change): forget it, the next sync reopens.
      opened.onclose = function () { if (IDBFS.dbs[name] === opened) delete IDBFS.dbs[name]; };
      opened.onversionchange = function () { opened.close(); if (IDBFS.dbs[name] === opened) delete IDBFS.dbs[name]; };
      IDBFS.dbs[name] = opened;
      callback(null, opened);
    };
    req.onerror = function (e) {
      e.preventDefault();
      callback(req.error || new Error('IndexedDB open failed'));
    };
  };
  IDBFS.getRemoteSet = function (mount, callback) {
    IDBFS.getDB(mount.mountpoint, function (err, db) {
      if (err) return callback(err);
      var entries = {};
      var done = false;
      function finish(e, value) { if (!done) { done = true; callback(e, value); } }
      try {
        var tx = db.transaction([NAME], 'readonly');
        tx.onabort = function () { finish(tx.error || new Error('IndexedDB read aborted')); };
        var cursorReq = tx.objectStore(NAME).index('timestamp').openKeyCursor();
        cursorReq.onerror = function (e) { e.preventDefault(); finish(cursorReq.error || new Error('IndexedDB read failed')); };
        cursorReq.onsuccess = function () {
          var cursor = cursorReq.result;
          if (!cursor) return finish(null, { type: 'remote', db: db, entries: entries });
          entries[cursor.primaryKey] = { 'timestamp': cursor.key };
          cursor['continue']();
        };
      } catch (e) {
        if (IDBFS.dbs[mount.mountpoint] === db) delete IDBFS.dbs[mount.mountpoint];
        finish(e);
      }
    });
  };
  // Same plan as the library's (one readwrite transaction: copy files whose mtime differs, delete the
  // ones the source lacks), but every failure aborts the transaction and reaches the callback once,
  // with the real error, and success is only reported when the transaction has committed.
  IDBFS.reconcile = function (src, dst, callback) {
    var create = [], remove = [];
    Object.keys(src.entries).forEach(function (key) {
      var e = src.entries[key], e2 = dst.entries[key];
      if (!e2 || e['timestamp'].getTime() !== e2['timestamp'].getTime()) create.push(key);
    });
    Object.keys(dst.entries).forEach(function (key) { if (!src.entries[key]) remove.push(key); });
    if (!create.length && !remove.length) return callback(null);
    var db = src.type === 'remote' ? src.db : dst.db;
    var done = false, tx, fileStore;
    function finish(err) { if (!done) { done = true; callback(err); } }
    function fail(err) {
      if (done) return;
      try { tx.abort(); } catch (e) { /* already finished */ }
      finish(err || new Error('IndexedDB request failed'));
    }
    try {
      tx = db.transaction([NAME], 'readwrite');
      fileStore = tx.objectStore(NAME);
    } catch (e) {
      Object.keys(IDBFS.dbs).forEach(function (k) { if (IDBFS.dbs[k] === db) delete IDBFS.dbs[k]; });
      return finish(e);
    }
    tx.oncomplete = function () { finish(null); };
    tx.onabort = function () { finish(tx.error || new Error('IndexedDB transaction aborted')); };
    function request(make) {
      var req;
      try { req = make(); } catch (e) { fail(e); return null; }
      req.onerror = function (e) { e.preventDefault(); fail(req.error); };
      return req;
    }
    create.sort().forEach(function (path) {
      if (dst.type === 'local') {
        var req = request(function () { return fileStore.get(path); });
        if (req) req.onsuccess = function () {
          IDBFS.storeLocalEntry(path, req.result, function (err) { if (err) fail(err); });
        };
      } else {
        IDBFS.loadLocalEntry(path, function (err, entry) {
          if (err) return fail(err);
          request(function () { return fileStore.put(entry, path); });
        });
      }
    });
    remove.sort().reverse().forEach(function (path) {
      if (dst.type === 'local') {
        IDBFS.removeLocalEntry(path, function (err) { if (err) fail(err); });
      } else {
        request(function () { return fileStore['delete'](path); });
      }
    });
  };
}

// The API of web/pasar_store.js (paths are absolute: '/pasar/orders.json'). Errors throw, as FS's do.
Module['pasarFs'] = {
  // IDBFS (patched) mounted at dir, created if missing; nothing is read yet.
  'mount': function (dir) {
    pasarPatchIdbfs();
    try { FS.mkdir(dir); } catch (e) { /* exists */ }
    FS.mount(IDBFS, {}, dir);
  },
  // populate: IndexedDB -> memory; otherwise memory -> IndexedDB. callback(err or null).
  'syncfs': function (populate, callback) { FS.syncfs(populate, callback); },
  // The names in dir, without '.' and '..'.
  'readdir': function (dir) {
    return FS.readdir(dir).filter(function (n) { return n !== '.' && n !== '..'; });
  },
  // A regular file's mtime in ms, or -1 for anything else (a folder); throws when there is nothing.
  'fileMtimeMs': function (path) {
    var st = FS.stat(path);
    return FS.isFile(st.mode) ? st.mtime.getTime() : -1;
  },
  'fileSize': function (path) { return FS.stat(path).size; },
  'exists': function (path) { return FS.analyzePath(path).exists; },
  'readFile': function (path) { return FS.readFile(path); },
  // dir/name becomes bytes in one step (dir/name.tmp, then a rename over it), stamped mtime_ms.
  'writeFile': function (dir, name, bytes, mtimeMs) {
    var path = dir + '/' + name, tmp = path + '.tmp';
    var node = FS.lookupPath(dir).node;
    var stale = null;
    try { stale = FS.lookupNode(node, name); } catch (e) { /* a new file */ }
    FS.writeFile(tmp, bytes);
    FS.rename(tmp, path);
    // 3.1.6's FS.rename leaves a replaced node in the name hash: drop it, or every save leaks a copy.
    if (stale && stale !== FS.lookupNode(node, name)) FS.hashRemoveNode(stale);
    FS.utime(path, mtimeMs, mtimeMs);
  },
  // How many nodes FS's name hash holds for dir/name (1 for a file: the rename fix above is checked by
  // tests/browser/platform.test.mjs).
  'nodesNamed': function (dir, name) {
    var parent = FS.lookupPath(dir).node;
    var n = 0;
    for (var node = FS.nameTable[FS.hashName(parent.id, name)]; node; node = node.name_next) {
      if (node.parent === parent && node.name === name) n++;
    }
    return n;
  },
};
