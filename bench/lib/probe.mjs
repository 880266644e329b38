// In-page instruments, installed before any page script runs (addInitScript), built only on the page's
// public counters (window.pasar.frames for the app, window.benchEmpty.frames for the empty baseline):
//   - frame ends: the moment a frame counter changes (the app publishes it at the end of each drawn frame);
//   - frame CPU time: every requestAnimationFrame callback is timed, and kept when it drew a frame
//     (Emscripten asks for frames through the global requestAnimationFrame, so the wrapper sees them);
//   - touches: for touchstart/touchend, from the event's timestamp: when the page got the event
//     (dispatch_ms), the end of the next frame the app draws (frame_ms, its reaction), how long that frame's
//     callback ran (work_ms), and the next requestAnimationFrame callback of any kind (floor_ms, the
//     browser's floor: no frame can come sooner).
// Recording is off until window.__benchProbe.recording = true.
export const PROBE_SCRIPT = `(() => {
  if (window.__benchProbe) return;
  const rawRaf = window.requestAnimationFrame.bind(window);
  const probe = window.__benchProbe = { recording: false, frameDurations: [], touches: [], onFrame: [] };
  const counters = {};
  function hook(name) {
    Object.defineProperty(window, name, { configurable: true, get() { return counters[name]; }, set(obj) {
      counters[name] = obj;
      if (!obj || typeof obj !== 'object') return;
      let value = obj.frames;
      Object.defineProperty(obj, 'frames', { configurable: true, enumerable: true, get() { return value; }, set(x) {
        const changed = x !== value;
        value = x;
        if (changed) { const end = performance.now(); for (const f of probe.onFrame.splice(0)) f(end); }
      } });
    } });
  }
  hook('pasar');
  hook('benchEmpty');
  const framesNow = () => (counters.pasar ? counters.pasar.frames : counters.benchEmpty ? counters.benchEmpty.frames : 0);
  window.requestAnimationFrame = function (cb) {
    return rawRaf(function (ts) {
      const before = framesNow();
      const t0 = performance.now();
      probe.frameStart = t0;
      try { cb(ts); } finally {
        if (probe.recording && framesNow() !== before) probe.frameDurations.push(performance.now() - t0);
      }
    });
  };
  for (const type of ['touchstart', 'touchend']) {
    window.addEventListener(type, (e) => {
      if (!probe.recording) return;
      const t = e.timeStamp;
      const rec = { type, dispatch_ms: performance.now() - t, frame_ms: null, work_ms: null, floor_ms: null };
      probe.touches.push(rec);
      rawRaf(() => { rec.floor_ms = performance.now() - t; });
      probe.onFrame.push((end) => { rec.frame_ms = end - t; rec.work_ms = end - probe.frameStart; });
    }, { capture: true, passive: true });
  }
})();`;
