#include "platform/browser_web.h"

#include <emscripten.h>

#include <cstdlib>

#include "platform/platform_web.h"

// clang-format off
EM_JS(void, js_mirror_update, (const char* encoded), { window.pasarShell.mirrorUpdate(UTF8ToString(encoded)); });
EM_JS(void, js_history_push, (const char* hash), { window.pasarShell.historyPush(UTF8ToString(hash)); });
EM_JS(void, js_history_replace, (const char* hash), { window.pasarShell.historyReplace(UTF8ToString(hash)); });
EM_JS(void, js_history_back, (const char* fallback), { window.pasarShell.historyBack(UTF8ToString(fallback)); });
EM_JS(char*, js_current_hash, (), {
  var s = location.hash || '';
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_fetch, (int request_id, const char* url), { window.pasarShell.fetchFile(request_id, UTF8ToString(url)); });
EM_JS(void, js_mark, (const char* name), { try { performance.mark(UTF8ToString(name)); } catch (e) {} });
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_publish_stats, (double frames, double draw_calls, int last_draw_calls), {
  window.pasarShell.publishStats(frames, draw_calls, last_draw_calls);
});
EM_JS(void, js_booted, (), { window.pasarShell.booted(); });
// clang-format on

namespace pasar {

void BrowserMirrorUpdate(const std::string& encoded) { js_mirror_update(encoded.c_str()); }
void BrowserHistoryPush(const std::string& hash) { js_history_push(hash.c_str()); }
void BrowserHistoryReplace(const std::string& hash) { js_history_replace(hash.c_str()); }
void BrowserHistoryBack(const std::string& fallback_hash) { js_history_back(fallback_hash.c_str()); }
std::string BrowserCurrentHash() {
  char* p = js_current_hash();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
void BrowserFetch(int request_id, const std::string& url) { js_fetch(request_id, url.c_str()); }
void BrowserMark(const std::string& name) { js_mark(name.c_str()); }
void BrowserSetTitle(const std::string& title) { js_set_title(title.c_str()); }
void BrowserPublishStats(long long frames, long long draw_calls, int last_draw_calls) {
  js_publish_stats(static_cast<double>(frames), static_cast<double>(draw_calls), last_draw_calls);
}
void BrowserBooted() { js_booted(); }

}  // namespace pasar

// ---- calls from the page into the app ------------------------------------------------------------------
extern "C" {

// The browser's back/forward key or a changed hash.
EMSCRIPTEN_KEEPALIVE void pasar_on_route(const char* hash) { pasar::PlatformOnRoute(hash ? hash : ""); }

// The mirror's <input> for field `id` now holds `value` (typing, paste, IME composition).
EMSCRIPTEN_KEEPALIVE void pasar_on_text(const char* id, const char* value) {
  pasar::PlatformOnText(id ? id : "", value ? value : "");
}

// The mirror's <input> for field `id` gained (1) or lost (0) focus.
EMSCRIPTEN_KEEPALIVE void pasar_on_field_focus(const char* id, int focused) {
  pasar::PlatformOnFieldFocus(id ? id : "", focused != 0);
}

// A screen reader or keyboard activated the mirror element `id` (a click on the DOM element itself).
EMSCRIPTEN_KEEPALIVE void pasar_on_activate(const char* id) { pasar::PlatformOnActivate(id ? id : ""); }

// A fetch finished: status is the HTTP status, or 0 for a network failure (then data is the reason).
EMSCRIPTEN_KEEPALIVE void pasar_on_fetch(int request_id, int status, const char* data, int size) {
  pasar::PlatformOnFetch(request_id, status, data, size);
}

// Something outside the canvas needs a frame (the page became visible, fonts, tests).
EMSCRIPTEN_KEEPALIVE void pasar_request_frame() { pasar::PlatformRequestFrame(); }
}
