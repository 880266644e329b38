// The semantics mirror of Pasar Daring's canvas: one invisible DOM element per interactive item the app drew
// (id, role, accessible name, box, state), kept over the canvas in #mirror and touched only when the list
// changes. Screen readers read and activate them; a text field's element is a real <input> that is focused
// inside the tap's own touch handler (that is what opens a phone's soft keyboard) and whose value, IME
// composition included, flows back into the app; tests find widgets by role and name and tap the canvas at
// their box. The C++ side records the items (src/ui/mirror.cpp) and sends them as JSON
// ({"items": [{id, role, name, x, y, w, h, disabled?, selected?, off?, value?, input?}]}, boxes in CSS
// pixels of the canvas).
//
// web/pasar_shell.js creates it once with window.pasarCreateMirror(env):
//   env.canvas, env.mirror   the canvas and the #mirror element over it
//   env.call(name, types, args)  calls the app (Module.ccall; a no-op until the runtime is ready):
//                            pasar_on_activate(id), pasar_on_text(id, value), pasar_on_field_focus(id, 0|1)
//   env.stats                window.pasar: the mirror counts mirrorUpdates there
// and gets back { update(encodedJson), items() (a copy of the last list, in drawing order) }.
'use strict';
window.pasarCreateMirror = function (env) {
  var canvas = env.canvas, mirror = env.mirror, call = env.call, stats = env.stats;
  var elements = new Map();   // mirror id -> element
  var items = [];             // last item list, in drawing order

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

  function update(encoded) {
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

  return { update: update, items: function () { return items.slice(); } };
};
