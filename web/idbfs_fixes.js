// Workarounds for Emscripten 3.1.6's IDBFS (library_idbfs.js), applied at run time to the FS the app
// mounts; Emscripten's own files are not edited. Loaded before pasar_shell.js, which calls
// window.pasarPatchIdbfs(FS, FS.filesystems.IDBFS) before mounting the store.
//   - IndexedDB's error callbacks passed an undefined error, so a failed write was reported as success;
//   - a transaction aborted at commit (how a full disk usually shows) never called back;
//   - success must be reported only after the transaction commits.
// getDB, getRemoteSet and reconcile are replaced so each failure reaches the callback once, with the
// real error.
'use strict';
window.pasarPatchIdbfs = function (FS, IDBFS) {
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
          entries[cursor.primaryKey] = { timestamp: cursor.key };
          cursor.continue();
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
      if (!e2 || e.timestamp.getTime() !== e2.timestamp.getTime()) create.push(key);
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
        request(function () { return fileStore.delete(path); });
      }
    });
  };
};
