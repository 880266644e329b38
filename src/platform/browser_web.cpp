#include "platform/browser_web.h"

#include <emscripten.h>

#include <cstdlib>

#include "platform/platform_web.h"

// clang-format off
EM_JS(void, js_mirror_update, (const char* encoded), { window['pasarShell']['mirrorUpdate'](UTF8ToString(encoded)); });
EM_JS(void, js_history_push, (const char* hash), { window['pasarShell']['historyPush'](UTF8ToString(hash)); });
EM_JS(void, js_history_replace, (const char* hash), { window['pasarShell']['historyReplace'](UTF8ToString(hash)); });
EM_JS(void, js_history_back, (const char* fallback), { window['pasarShell']['historyBack'](UTF8ToString(fallback)); });
EM_JS(char*, js_current_hash, (), {
  var s = location.hash || '';
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_fetch, (int request_id, const char* url), { window['pasarShell']['fetchFile'](request_id, UTF8ToString(url)); });
EM_JS(void, js_mark, (const char* name), { try { performance.mark(UTF8ToString(name)); } catch (e) {} });
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_publish_stats, (double frames, double draw_calls, int last_draw_calls, int settling), {
  window['pasarShell']['publishStats'](frames, draw_calls, last_draw_calls, settling !== 0);
});
EM_JS(void, js_booted, (), { window['pasarShell']['booted'](); });
EM_JS(void, js_start_platform, (), { window['pasarShell']['start'](); });
EM_JS(void, js_store_write, (const char* name, const char* data, int size), {
  window['pasarShell']['storeWrite'](UTF8ToString(name), HEAPU8.subarray(data, data + size));
});
EM_JS(void, js_store_written, (double generation, int flush_now), {
  window['pasarShell']['storeWritten'](generation, flush_now !== 0);
});
EM_JS(void, js_store_flush, (), { window['pasarShell']['storeFlush'](); });
EM_JS(void, js_storage_estimate, (int ask_persist), { window['pasarShell']['storageEstimate'](ask_persist !== 0); });
EM_JS(void, js_sync_post, (const char* body, int size), {
  window['pasarShell']['syncPost'](UTF8ToString(body, size));
});
EM_JS(void, js_open_url, (const char* url), { window['pasarShell']['openUrl'](UTF8ToString(url)); });
EM_JS(void, js_share, (const char* title, const char* text, const char* url), {
  window['pasarShell']['share'](UTF8ToString(title), UTF8ToString(text), UTF8ToString(url));
});
EM_JS(void, js_apply_update, (), { window['pasarShell']['applyUpdate'](); });
EM_JS(void, js_take_over, (), { window['pasarShell']['takeOver'](); });
EM_JS(void, js_random_bytes, (char* out, int size), {
  crypto.getRandomValues(HEAPU8.subarray(out, out + size));
});
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
void BrowserPublishStats(long long frames, long long draw_calls, int last_draw_calls, bool settling) {
  js_publish_stats(static_cast<double>(frames), static_cast<double>(draw_calls), last_draw_calls, settling ? 1 : 0);
}
void BrowserBooted() { js_booted(); }
void BrowserStartPlatform() { js_start_platform(); }
void BrowserStoreWrite(const std::string& name, const std::string& content) {
  js_store_write(name.c_str(), content.data(), static_cast<int>(content.size()));
}
void BrowserStoreWritten(long long generation, bool flush_now) {
  js_store_written(static_cast<double>(generation), flush_now ? 1 : 0);
}
void BrowserStoreFlush() { js_store_flush(); }
void BrowserStorageEstimate(bool ask_persist) { js_storage_estimate(ask_persist ? 1 : 0); }
void BrowserSyncPost(const std::string& body) { js_sync_post(body.data(), static_cast<int>(body.size())); }
void BrowserOpenUrl(const std::string& url) { js_open_url(url.c_str()); }
void BrowserShare(const std::string& title, const std::string& text, const std::string& url) {
  js_share(title.c_str(), text.c_str(), url.c_str());
}
void BrowserApplyUpdate() { js_apply_update(); }
void BrowserTakeOver() { js_take_over(); }
std::string BrowserRandomHex(int bytes) {
  std::string raw(static_cast<size_t>(bytes), '\0');
  js_random_bytes(raw.data(), bytes);
  static const char HEX[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(raw.size() * 2);
  for (char c : raw) {
    const unsigned char b = static_cast<unsigned char>(c);
    hex.push_back(HEX[b >> 4]);
    hex.push_back(HEX[b & 15]);
  }
  return hex;
}

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

// A page event for the app (web/pasar_shell.js pushIntent): kind names the intent struct (PlatformOnIntent
// makes it); id and text are UTF-8 with their byte lengths (text may be a whole stored file or a sync reply).
EMSCRIPTEN_KEEPALIVE void pasar_on_intent(const char* kind, const char* id, int id_size, const char* text,
                                          int text_size, double number) {
  pasar::PlatformOnIntent(kind ? kind : "", id && id_size > 0 ? std::string(id, static_cast<size_t>(id_size)) : "",
                          text && text_size > 0 ? std::string(text, static_cast<size_t>(text_size)) : "", number);
}

// Something outside the canvas needs a frame (the page became visible, fonts, tests).
EMSCRIPTEN_KEEPALIVE void pasar_request_frame() { pasar::PlatformRequestFrame(); }
}
