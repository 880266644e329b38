// The page side of the service worker (web/sw.js): registration, "update available", applying it.
//
// Load it as a module (<script type="module" src="pwa.js">); it registers the worker after the page's
// load event (the first visit downloads the app first, the offline copy second) and only over http(s).
// The same API is on window.pasarPwa for classic scripts such as pasar_shell.js, announced by a 'pasarpwa'
// event on window for a script that started before this module ran:
//   register()              -> Promise<ServiceWorkerRegistration|null>; idempotent
//   onUpdateAvailable(cb)   cb({version}) once a new version has installed and waits; called at once if
//                           one already waits. Returns a function that removes cb.
//   applyUpdate()           tells the waiting version to take over; the page reloads when it has.
//                           false when nothing waits.
//   checkForUpdate()        asks the server for a newer sw.js now (also done when the page becomes
//                           visible again, when the phone comes back online, and every UPDATE_CHECK_MS).
//   version()               Promise<string>: the VERSION of the worker controlling this page, or ''.
// The very first install is not an "update": nothing is shown, the worker just starts caching.

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const supported = 'serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:');
const listeners = new Set();
let registration = null;
let registering = null;
let waitingWorker = null;
let applying = false;
let reloading = false;

let waitingVersion = '';
let announced = false;  // listeners were told about waitingWorker

// The VERSION a worker was built with, over a private channel; '' if it does not answer in 3 s.
function askVersion(worker) {
  return new Promise((resolve) => {
    if (!worker) { resolve(''); return; }
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(''), 3000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(String((event.data && event.data.version) || ''));
    };
    worker.postMessage({ type: 'GET_VERSION' }, [channel.port2]);
  });
}

async function announce(worker) {
  if (waitingWorker === worker) return;
  waitingWorker = worker;
  announced = false;
  waitingVersion = await askVersion(worker);
  announced = true;
  for (const cb of listeners) {
    try { cb({ version: waitingVersion }); } catch (err) { console.error(err); }
  }
}

// A worker that reaches "installed" while another controls the page is an update waiting its turn.
function watchInstalling(worker) {
  if (!worker) return;
  worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
  });
}

export function register() {
  if (!supported) return Promise.resolve(null);
  if (registering) return registering;
  registering = navigator.serviceWorker.register('sw.js', { scope: './' }).then((reg) => {
    registration = reg;
    if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
    watchInstalling(reg.installing);
    reg.addEventListener('updatefound', () => watchInstalling(reg.installing));
    return reg;
  }).catch((err) => {
    console.warn('Pasar Daring: service worker not registered:', err && err.message);
    registering = null;
    return null;
  });
  return registering;
}

export function onUpdateAvailable(cb) {
  listeners.add(cb);
  if (announced && waitingWorker && waitingWorker.state === 'installed') cb({ version: waitingVersion });
  return () => listeners.delete(cb);
}

export function applyUpdate() {
  const worker = waitingWorker || (registration && registration.waiting);
  if (!worker) return false;
  applying = true;
  worker.postMessage({ type: 'SKIP_WAITING' });
  return true;
}

export async function checkForUpdate() {
  const reg = await register();
  if (!reg) return false;
  try {
    await reg.update();
    return true;
  } catch (err) {
    return false;  // offline: try again later
  }
}

export function version() {
  if (!supported) return Promise.resolve('');
  return askVersion(navigator.serviceWorker.controller);
}

if (supported) {
  // Reload only for an update the user asked for; the first install also changes the controller.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (applying && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  const start = () => {
    register();
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') checkForUpdate(); });
    window.addEventListener('online', () => checkForUpdate());
    setInterval(() => { if (document.visibilityState === 'visible') checkForUpdate(); }, UPDATE_CHECK_MS);
  };
  if (document.readyState === 'complete') start(); else window.addEventListener('load', start, { once: true });
}

window.pasarPwa = { register, onUpdateAvailable, applyUpdate, checkForUpdate, version };
window.dispatchEvent(new Event('pasarpwa'));   // for pasar_shell.js if it started first
