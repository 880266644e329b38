// Starts what the first screen needs before the app's script and wasm have arrived (the first script of
// the page, so it runs while pasar.js and pasar.wasm are still on their way).
//   The catalogue index: the app asks for data/index.json only once main() has run (after pasar.js,
//   the wasm and the font atlas); fetched here instead, its bytes are already in memory then, and the
//   first frame can draw the markets. The request is the one the app would make (same URL, same
//   options, through the service worker's network-first rule), only earlier; the page's fetchFile
//   (web/pasar_shell.js) takes the answer once, for the app's first request of that URL, and any later
//   request goes to the network as before.
'use strict';
(function () {
  var early = {};
  function start(url) {
    var answer = fetch(url, { credentials: 'same-origin' }).then(function (r) {
      return r.arrayBuffer().then(function (buf) { return { status: r.status, bytes: new Uint8Array(buf) }; });
    });
    answer.catch(function () { /* reported when the app takes it */ });
    early[url] = answer;
  }
  // The site root seen from this app's folder ('' for the buyer, '../' for /lapak/ ...): the catalogue is shared.
  if (typeof fetch === 'function') start((document.documentElement.dataset.root || '') + 'data/index.json');

  window.pasarBoot = {
    // Promise<{status, bytes}> for an early request of exactly this URL, once; otherwise null.
    take: function (url) {
      var answer = early[url] || null;
      delete early[url];
      return answer;
    },
  };
})();
