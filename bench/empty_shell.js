// Page side of the empty ImGui baseline app (bench/empty_app.cpp): the Module object Emscripten expects.
// A separate file because serve.py's Content-Security-Policy allows no inline script.
'use strict';
window.benchEmpty = { frames: 0 };
window.Module = { canvas: document.getElementById('canvas') };
