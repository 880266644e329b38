// The static pages (/pasar/..., /produk/...; server/pages.py): a phone that can run the app opens it at
// this place (the hash route in <body data-app>); a phone without WebGL keeps the readable page and is told
// why. Without JavaScript this file never runs and the page's <noscript> says so. `?halaman` keeps the page.
'use strict';
(function () {
  function hasWebGL() {
    try {
      const canvas = document.createElement('canvas');
      return !!(canvas.getContext('webgl2') || canvas.getContext('webgl'));
    } catch (err) {
      return false;
    }
  }
  const app = document.body.dataset.app;
  if (hasWebGL() && app && !new URLSearchParams(location.search).has('halaman')) {
    location.replace(app);
    return;
  }
  if (!hasWebGL()) {
    document.getElementById('no-webgl').hidden = false;
    document.getElementById('open-app').hidden = true;   // the app cannot run here: no dead end
  }
})();
